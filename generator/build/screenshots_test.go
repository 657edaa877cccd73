package build

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/timeline-dev/timeline/generator/internal/browsertest"
)

var (
	screenshots    = flag.String("screenshots", "", "write screenshots of the seed site's pages into this `folder` (make screenshots)")
	screenshotSite = flag.String("screenshot-site", "", "with -screenshots: shoot this built site's `folder` instead of the seed site")
	screenshotFull = flag.Bool("screenshot-full", true, "with -screenshots: whole pages; false: what the window shows")
)

// colorScheme makes a tab prefer a light or a dark color scheme.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// TestScreenshots writes screenshots of a site's lead page, its page of
// every event, an event, an article and an entity, on a phone (390×844)
// and a desktop (1280×800), light and dark, for people to look at: `make
// screenshots`. The site is the seed site, or -screenshot-site, a site
// already built; -screenshot-full=false shoots the window only. Without
// -screenshots it does nothing.
func TestScreenshots(t *testing.T) {
	if *screenshots == "" {
		t.Skip("no -screenshots folder")
	}
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t)
	base, pages := screenshotPages(t)
	ctx := b.Tab(t)
	for _, vp := range []struct {
		w, h   int64
		mobile bool
	}{{390, 844, true}, {1280, 800, false}} {
		for _, scheme := range []string{"light", "dark"} {
			do(t, ctx, "emulating", emulate(vp.w, vp.h, vp.mobile), colorScheme(scheme))
			for _, p := range pages {
				do(t, ctx, p[1], chromedp.Navigate(base+p[1]))
				shot := chromedp.CaptureScreenshot()
				if *screenshotFull {
					shot = chromedp.FullScreenshot(100)
				}
				png, err := chromedp.Run(ctx, shot)
				if err != nil {
					t.Fatalf("%s: %v", p[1], err)
				}
				file := filepath.Join(*screenshots, fmt.Sprintf("%s-%d-%s.png", p[0], vp.w, scheme))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", file)
			}
		}
	}
}

// screenshotPages serves the site to shoot and returns its address and
// its pages to shoot, each a name and a path.
func screenshotPages(t *testing.T) (string, [][2]string) {
	t.Helper()
	if *screenshotSite == "" {
		site := publish(t)
		return site.url, [][2]string{{"timeline", "/"}, {"all", "/all/"},
			{"event", site.model.Events[len(site.model.Events)/2].Page},
			{"article", "/articles/" + photoArticle + "/"}, {"entity", "/entities/" + seedEntity + "/"}}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(*screenshotSite)))
	t.Cleanup(srv.Close)
	var model struct {
		Articles []struct{ Page string } `json:"articles"`
		Events   []struct{ Page string } `json:"events"`
	}
	b, err := os.ReadFile(filepath.Join(*screenshotSite, "events.json"))
	if err == nil {
		err = json.Unmarshal(b, &model)
	}
	if err != nil || len(model.Events) == 0 || len(model.Articles) == 0 {
		t.Fatalf("%s: no events.json with events and articles (%v)", *screenshotSite, err)
	}
	pages := [][2]string{{"timeline", "/"}, {"all", "/all/"}, {"event", model.Events[len(model.Events)/2].Page},
		{"article", model.Articles[len(model.Articles)/2].Page}}
	// The entity of most events, if the site has entity pages.
	if ents, _ := filepath.Glob(filepath.Join(*screenshotSite, "entities", "*", "index.html")); len(ents) > 0 {
		best, most := "", -1
		for _, e := range ents {
			if fi, err := os.Stat(e); err == nil && int(fi.Size()) > most {
				best, most = filepath.Base(filepath.Dir(e)), int(fi.Size())
			}
		}
		pages = append(pages, [2]string{"entity", "/entities/" + best + "/"})
	}
	return srv.URL, pages
}
