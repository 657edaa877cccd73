package build

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/timeline-dev/timeline/generator/internal/browsertest"
)

var screenshots = flag.String("screenshots", "", "write screenshots of the seed site's pages into this `folder` (make screenshots)")

// colorScheme makes a tab prefer a light or a dark color scheme.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// TestScreenshots writes full-page screenshots of the seed site's
// timeline, an event and an article at 375 and 1280 pixels wide, light and
// dark, for people to look at: `make screenshots` (DIR=...). Without
// -screenshots it does nothing.
func TestScreenshots(t *testing.T) {
	if *screenshots == "" {
		t.Skip("no -screenshots folder")
	}
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t)
	site := publish(t)
	pages := map[string]string{"timeline": "/", "event": site.model.Events[len(site.model.Events)/2].Page, "article": "/articles/" + photoArticle + "/"}
	ctx := b.Tab(t)
	for _, w := range []int64{375, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			do(t, ctx, "emulating", emulate(w, 800, w < 500), colorScheme(scheme))
			for name, p := range pages {
				do(t, ctx, p, chromedp.Navigate(site.url+p))
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				file := filepath.Join(*screenshots, fmt.Sprintf("%s-%d-%s.png", name, w, scheme))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", file)
			}
		}
	}
}
