package build

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/browsertest"
)

// The browser tests read the published seed site in headless Chromium (see
// generator/internal/browsertest): what readers get with JavaScript off,
// on a phone and on a desktop, from a citation link and from the keyboard.

// photoArticle is the seed article whose photo is restored for these
// tests: the seed content keeps captions without their photos, and a site
// without an image would check no image.
const photoArticle = "asharq-al-awsat-assad-not-partner-in-war-on-terror"

// publishedSite is the seed site built into a temporary folder and served
// over HTTP on 127.0.0.1, with its events.json read.
type publishedSite struct {
	url   string
	model struct {
		Articles []struct {
			ID     string `json:"id"`
			Page   string `json:"page"`
			Outlet string `json:"outlet"`
		} `json:"articles"`
		Events []event `json:"events"`
	}
}

// seedEntity is a person of several seed events, with a page.
const seedEntity = "bashar-al-assad"

// citing returns the ids of the events citing an article of outlet, in
// timeline order.
func (s *publishedSite) citing(outlet string) []string {
	arts := map[string]bool{}
	for _, a := range s.model.Articles {
		if a.Outlet == outlet {
			arts[a.ID] = true
		}
	}
	var out []string
	for _, e := range s.model.Events {
		if slices.ContainsFunc(e.Citations, func(c citationOf) bool { return arts[c.Article] }) {
			out = append(out, e.ID)
		}
	}
	return out
}

// event is an event of events.json, as the browser tests read it.
type event struct {
	ID        string       `json:"id"`
	Page      string       `json:"page"`
	Headline  string       `json:"headline"`
	Citations []citationOf `json:"citations"`
}

// citationOf is a citation of events.json.
type citationOf struct {
	Article string `json:"article"`
	Quote   string `json:"quote"`
	Anchor  string `json:"anchor"`
}

func publish(t *testing.T) *publishedSite {
	t.Helper()
	src := copySite(t, "../..")
	md := filepath.Join(src, "content", photoArticle+".md")
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	// The photo is wider than any screen: it must shrink to fit.
	withPhoto := strings.Replace(string(b), "](<>)", "](/photo.svg)", 1)
	if withPhoto == string(b) {
		t.Fatalf("%s has no caption without a photo", md)
	}
	write(t, md, withPhoto)
	write(t, filepath.Join(src, "static", "photo.svg"),
		`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#888"/></svg>`)

	dest := t.TempDir()
	if _, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: timeline.Theme}); err != nil {
		t.Fatal(diag.Detail(err))
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(dest)))
	// A page outside the site that tells whether scripts run.
	mux.HandleFunc("/__probe/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>scripts off</title><script>document.title = "scripts on"</script>`)
	})
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)

	s := &publishedSite{url: srv.URL}
	ej, err := os.ReadFile(filepath.Join(dest, "events.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(ej, &s.model); err != nil {
		t.Fatal(err)
	}
	if len(s.model.Events) == 0 || len(s.model.Articles) == 0 {
		t.Fatalf("the seed site has %d events and %d articles", len(s.model.Events), len(s.model.Articles))
	}
	return s
}

// do runs steps in a tab and fails the test on an error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in a tab, decoding its value (an
// object's keys are the field names of T), and fails the test on an
// error.
func eval[T any](t *testing.T, ctx context.Context, what, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// scriptsOff disables JavaScript in a tab.
var scriptsOff = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	return err
})

// citation is a citation link on the timeline.
type citation struct{ event, quote, anchor string }

// emulate sets the size of a tab's window; a phone's (an iPhone 12 to 15:
// 390×844 CSS pixels) has 3× density and honours the viewport meta tag.
func emulate(w, h int64, mobile bool) chromedp.Action[chromedp.Void] {
	if mobile {
		return chromedp.EmulateViewport(w, h, chromedp.EmulateScale(3), chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(w, h)
}

// Shapes of the values the tests read from pages.
type (
	card struct {
		ID, Headline string
		Visible      bool
		Quotes       []struct {
			Text, Href string
			Visible    bool
		}
	}
	widths struct {
		ScrollWidth, ClientWidth int
		Wide                     []string // elements past the right edge
	}
	landing struct {
		Path, ID, Text, Outline string
		Top, Bottom, Height     float64
		InnerHeight             float64
		OnTop                   bool // the element at its first line is itself
	}
	focused struct {
		Tag, Text, Outline string
		OutlineWidth       float64
		Left, Top          float64
		InView             bool
	}
	pageFacts struct {
		Lang   string
		Images []struct {
			Src    string
			Alt    *string
			Loaded bool
		}
	}
)

// TestBrowser reads the seed site in a browser: with JavaScript off, the
// timeline; then, on a phone and on a desktop, the timeline, an event, an
// article, the sources and the 404 page (no horizontal scrolling, lang,
// images with alt, keyboard focus visible) and a citation link (it lands
// on its sentence, in view).
func TestBrowser(t *testing.T) {
	b := browsertest.New(t)
	site := publish(t)
	first, last := site.model.Events[0], site.model.Events[len(site.model.Events)-1]
	pages := []string{"/", "/all/", first.Page, "/articles/" + photoArticle + "/", "/sources/", "/entities/", "/entities/" + seedEntity + "/", "/404.html"}

	t.Run("headlines whole", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		// A headline is a complete statement, shown whole: not cut with
		// an ellipsis by the build nor clipped by the style sheet, on a
		// phone as on a desktop, on the timeline and on event pages.
		for _, vp := range viewports {
			do(t, ctx, "emulating "+vp.name, emulate(vp.width, vp.height, vp.mobile))
			for _, p := range []string{"/", "/all/", site.model.Events[0].Page, site.model.Events[len(site.model.Events)-1].Page} {
				do(t, ctx, p, chromedp.Navigate(site.url+p))
				bad := eval[[]string](t, ctx, "the headlines", `[...document.querySelectorAll(".event-headline, main h1")].filter(h =>
					/…["”]?$/.test(h.textContent.trim()) || h.scrollWidth > h.clientWidth + 1 || getComputedStyle(h).textOverflow === "ellipsis").map(h => h.textContent.trim())`)
				for _, h := range bad {
					t.Errorf("%s on a %s: the headline %q is cut short", p, vp.name, h)
				}
			}
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		t.Parallel() // each subtest in its own tab
		ctx := b.Tab(t)
		do(t, ctx, "disabling scripts", scriptsOff, chromedp.Navigate(site.url+"/__probe/"))
		if title, err := chromedp.Run(ctx, chromedp.Title()); err != nil || title != "scripts off" {
			t.Fatalf("scripts still run: the probe page's title is %q (%v)", title, err)
		}
		do(t, ctx, "timeline", chromedp.Navigate(site.url+"/all/"))
		// Every event with its headline and citations, each quote linking
		// to its sentence: the first shown, the others behind a <details>
		// that opens without a script.
		read := `(() => {
			const visible = el => { const r = el.getBoundingClientRect();
				return r.width > 0 && r.height > 0 && el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true}); };
			return [...document.querySelectorAll("ol.timeline > li > article.event")].map(a => ({
				ID: a.id,
				Headline: ((a.querySelector(".event-headline") || {}).textContent || "").trim(),
				Visible: visible(a),
				Quotes: [...a.querySelectorAll(".citations a.quote")].map(q => ({
					Text: q.textContent, Href: q.getAttribute("href"), Visible: visible(q) })),
			}));
		})()`
		closed := eval[[]card](t, ctx, "reading the timeline", read)
		for _, c := range closed {
			for j, q := range c.Quotes {
				if q.Visible != (j == 0) {
					t.Errorf("event %s, citation %d: visible %v before its card is opened; want only the first", c.ID, j, q.Visible)
				}
			}
		}
		do(t, ctx, "opening the cards", chromedp.Click(chromedp.CSS("details.more-citations > summary")))
		if n := eval[int](t, ctx, "the first card", `document.querySelectorAll("details.more-citations[open]").length`); n != 1 {
			t.Errorf("a click on the first card's summary opened %d cards, want 1", n)
		}
		eval[int](t, ctx, "opening every card", `(() => { const ds = document.querySelectorAll("details.more-citations"); ds.forEach(d => d.open = true); return ds.length; })()`)
		cards := eval[[]card](t, ctx, "reading the opened timeline", read)
		var more []event // events with more citations than their card holds
		if len(cards) != len(site.model.Events) {
			t.Fatalf("the timeline shows %d events, events.json has %d", len(cards), len(site.model.Events))
		}
		for i, c := range cards {
			want := site.model.Events[i]
			if c.ID != want.ID || c.Headline != want.Headline || !c.Visible {
				t.Errorf("event %d: id %q headline %q visible %v; want %q %q visible", i, c.ID, c.Headline, c.Visible, want.ID, want.Headline)
				continue
			}
			// A card holds ten quotes at most; the event's page has them all.
			if len(c.Quotes) != min(len(want.Citations), 10) {
				t.Errorf("event %s shows %d citations, want %d", c.ID, len(c.Quotes), min(len(want.Citations), 10))
				continue
			}
			for j, q := range c.Quotes {
				if wc := want.Citations[j]; q.Text != wc.Quote || q.Href != wc.Anchor || !q.Visible {
					t.Errorf("event %s citation %d: %q → %s (visible %v), want %q → %s", c.ID, j, q.Text, q.Href, q.Visible, wc.Quote, wc.Anchor)
				}
			}
			if len(want.Citations) > 10 {
				more = append(more, want)
			}
		}
		if len(more) == 0 {
			t.Fatal("no seed event has more than ten citations: the event pages' part is not tested")
		}
		for _, want := range more {
			do(t, ctx, want.Page, chromedp.Navigate(site.url+want.Page))
			quotes := eval[[]string](t, ctx, "its quotes", `[...document.querySelectorAll(".citations a.quote")].map(q => q.textContent)`)
			if len(quotes) != len(want.Citations) {
				t.Errorf("the page of %s shows %d citations, want %d", want.ID, len(quotes), len(want.Citations))
			}
		}
	})

	t.Run("time axis", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		do(t, ctx, "emulating a desktop", emulate(1280, 800, false), chromedp.Navigate(site.url+"/all/"))
		// One mark per event, each linking to its event in the list; the
		// axis is an image with a name, drawn without a script.
		marks := eval[[]string](t, ctx, "reading the axis", `[...document.querySelectorAll("svg.axis-wide a.mark")].map(a => a.getAttribute("href"))`)
		if len(marks) != len(site.model.Events) {
			t.Fatalf("the axis has %d marks, the timeline %d events", len(marks), len(site.model.Events))
		}
		seen := map[string]bool{}
		for _, h := range marks {
			id := strings.TrimPrefix(h, "#")
			known := slices.ContainsFunc(site.model.Events, func(e event) bool { return e.ID == id })
			if seen[id] || !strings.HasPrefix(h, "#") || !known {
				t.Errorf("axis mark links to %q: not one event of the list, once", h)
			}
			seen[id] = true
		}
		// For the eye and the pointer: out of the tab order and hidden
		// from screen readers, which have the list; described in words.
		facts := eval[string](t, ctx, "the axis's facts", `(() => { const s = document.querySelector("svg.axis-wide");
			const tab = [...s.querySelectorAll("a")].filter(a => a.tabIndex >= 0).length;
			return s.getAttribute("aria-hidden") + " " + tab + " " + s.querySelector("title").textContent + " | " + document.querySelector(".axis-figure figcaption").textContent; })()`)
		if !strings.HasPrefix(facts, fmt.Sprintf("true 0 Time axis: %d events from ", len(site.model.Events))) {
			t.Errorf("the axis: %q", facts)
		}
		// Its legend shows a sample of each kind of mark it draws, and
		// only those.
		legend := eval[map[string]bool](t, ctx, "the legend", `(() => { const has = sel => !!document.querySelector("svg.axis-wide " + sel);
			const says = w => document.querySelector(".axis-figure figcaption").textContent.includes(w);
			return { key: has(".mark.key") === says("key event"), disputed: has(".mark.disputed") === says("disputed"),
				fuzzy: has(".mark.fuzzy") === says("approximate"), breaks: has(".break") === says("time left out"),
				badges: has("text.badge") === says("under a mark"), samples: document.querySelectorAll(".axis-key svg.swatch").length === document.querySelectorAll(".axis-key li").length }; })()`)
		for what, ok := range legend {
			if !ok {
				t.Errorf("the legend and the axis disagree on %s", what)
			}
		}
		// Clicking the last event's mark brings its entry into view.
		target := site.model.Events[len(site.model.Events)-1].ID
		do(t, ctx, "clicking a mark", chromedp.Click(chromedp.CSS(`svg.axis-wide a.mark[href="#`+target+`"] > *:not(title)`)))
		got := eval[string](t, ctx, "the target", `(() => { const e = document.querySelector(":target");
			if (!e) return "no target"; const r = e.getBoundingClientRect();
			return e.id + (r.top >= 0 && r.top < innerHeight ? " in view" : " out of view at " + r.top); })()`)
		if got != target+" in view" {
			t.Errorf("after a click on its mark: %s, want %s in view", got, target)
		}
		// The timeline leads with the key events; its axis draws the
		// whole story: a mark for each key event, linking to its card, and
		// every event in the density band.
		do(t, ctx, "the lead page", chromedp.Navigate(site.url+"/"))
		lead := eval[[]string](t, ctx, "its events", `[...document.querySelectorAll("ol.timeline > li > article.event")].map(a => a.id)`)
		leadMarks := eval[[]string](t, ctx, "its axis", `[...document.querySelectorAll("svg.axis-wide a.mark")].map(a => a.getAttribute("href"))`)
		if len(leadMarks) != len(lead) || len(lead) == 0 || len(lead) >= len(site.model.Events) {
			t.Fatalf("the lead page lists %d events and draws %d marks; want a mark for each of its key events", len(lead), len(leadMarks))
		}
		for _, h := range leadMarks {
			if id := strings.TrimPrefix(h, "#"); !slices.Contains(lead, id) {
				t.Errorf("lead page: a mark links to %q, not a card of the page", h)
			}
		}
		// On a phone the axis has a layout of its own: it does not
		// scroll sideways and its labels are as large as on a desktop.
		do(t, ctx, "a phone", emulate(390, 844, true), chromedp.Navigate(site.url+"/"))
		phone := eval[map[string]float64](t, ctx, "the phone's axis", `(() => { const s = [...document.querySelectorAll("svg.axis")].filter(s => s.checkVisibility());
			const w = document.querySelector(".axis-wrap"), labels = [...s[0].querySelectorAll("text")].map(t => t.getBoundingClientRect().height);
			return { shown: s.length, narrow: s[0].classList.contains("axis-narrow") ? 1 : 0, scrolls: w.scrollWidth - w.clientWidth,
				marks: s[0].querySelectorAll("a.mark").length, smallest: Math.min(...labels) }; })()`)
		if phone["shown"] != 1 || phone["narrow"] != 1 || phone["scrolls"] > 0 || int(phone["marks"]) != len(lead) || phone["smallest"] < 11 {
			t.Errorf("on a phone, the axis: %v; want 1 shown, the narrow one, no sideways scrolling, %d marks, labels 11 pixels tall or more", phone, len(lead))
		}
		do(t, ctx, "a desktop", emulate(1280, 800, false), chromedp.Navigate(site.url+"/"))
		band := eval[int](t, ctx, "its band", `[...document.querySelectorAll("svg.axis-wide rect.bar title")].reduce((n, t) => n + parseInt(t.textContent), 0)`)
		if band != len(site.model.Events) {
			t.Errorf("the lead page's density band counts %d events, want all %d", band, len(site.model.Events))
		}
	})

	t.Run("accessibility", func(t *testing.T) {
		t.Parallel()
		src, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
		if err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("axe-core is missing (make axe fetches it): %v", err)
			}
			t.Skipf("axe-core is missing (make axe fetches it): %v", err)
		}
		ctx := b.Tab(t)
		for _, vp := range []struct {
			name          string
			width, height int64
			mobile        bool
		}{{"desktop", 1280, 800, false}, {"phone", 390, 844, true}} {
			do(t, ctx, "emulating "+vp.name, emulate(vp.width, vp.height, vp.mobile))
			for _, p := range pages {
				do(t, ctx, p, chromedp.Navigate(site.url+p))
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
					t.Fatalf("loading axe-core: %v", err)
				}
				got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
					r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " — " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("%s: running axe-core: %v", p, err)
				}
				for _, v := range got {
					t.Errorf("%s on a %s: %s", p, vp.name, v)
				}
			}
		}
	})

	t.Run("entity page", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		do(t, ctx, "an entity", chromedp.Navigate(site.url+"/entities/"+seedEntity+"/"))
		// Its events, each linking to its page, whose entities link back.
		links := eval[[]string](t, ctx, "its events", `[...document.querySelectorAll("ol.entity-events a")].map(a => a.getAttribute("href"))`)
		if len(links) < 2 {
			t.Fatalf("the page of %s lists %d events, want 2 or more", seedEntity, len(links))
		}
		for _, l := range links[:2] {
			do(t, ctx, l, chromedp.Navigate(site.url+l))
			back := eval[[]string](t, ctx, "its entities", `[...document.querySelectorAll("dl.entities a")].map(a => a.getAttribute("href"))`)
			if !slices.Contains(back, "/entities/"+seedEntity+"/") {
				t.Errorf("event %s does not link to /entities/%s/ (links %v)", l, seedEntity, back)
			}
		}
	})

	t.Run("article dates", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		do(t, ctx, "an article", chromedp.Navigate(site.url+"/articles/"+photoArticle+"/"))
		// The words that date a cited sentence are a <time datetime>
		// inside it.
		got := eval[[]string](t, ctx, "its dates", `[...document.querySelectorAll("time.dating")].map(t =>
			(t.closest("span.cited") ? "" : "outside ") + t.getAttribute("datetime") + " " + t.textContent)`)
		if len(got) == 0 {
			t.Fatal("no dated words are marked")
		}
		for _, g := range got {
			if strings.HasPrefix(g, "outside ") || !strings.HasPrefix(g, "20") {
				t.Errorf("dated words %q: want a <time datetime> inside a cited sentence", g)
			}
		}
	})

	t.Run("filters and keys", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		do(t, ctx, "emulating a desktop", emulate(1280, 800, false), chromedp.Navigate(site.url+"/all/"))
		shown := func(what string) []string {
			return eval[[]string](t, ctx, what, `[...document.querySelectorAll("ol.timeline > li:not([hidden]) > article.event")].filter(a => a.checkVisibility()).map(a => a.id)`)
		}
		if got := shown("all events"); len(got) != len(site.model.Events) {
			t.Fatalf("%d events shown before filtering, want %d", len(got), len(site.model.Events))
		}
		// The filters wait behind a disclosure, so that the events come
		// first on the screen; a shared filtered address opens it.
		isOpen := func() bool {
			return eval[bool](t, ctx, "the filters", `document.querySelector("details.filter-box").open`)
		}
		if isOpen() {
			t.Error("the filters are open on a page without a filter")
		}
		// An outlet: only its events, the address keeps it, the axis
		// keeps their marks.
		do(t, ctx, "choosing Naharnet", chromedp.SetValue(chromedp.CSS(`select[name=outlet]`), "Naharnet"),
			chromedp.Evaluate[chromedp.Void](`document.querySelector("select[name=outlet]").dispatchEvent(new Event("change", {bubbles: true}))`))
		naharnet := shown("Naharnet's events")
		want := site.citing("Naharnet")
		if !slices.Equal(naharnet, want) {
			t.Errorf("with outlet Naharnet the page shows %v, want %v", naharnet, want)
		}
		if u := eval[string](t, ctx, "the address", `location.search`); u != "?outlet=Naharnet" {
			t.Errorf("the address says %q, want ?outlet=Naharnet", u)
		}
		if n := eval[int](t, ctx, "the axis", `[...document.querySelectorAll("svg.axis-wide a.mark")].filter(m => m.style.display !== "none").length`); n != len(want) {
			t.Errorf("the axis shows %d marks, want %d", n, len(want))
		}
		// A shared address opens filtered: words and an outlet together.
		do(t, ctx, "a shared address", chromedp.Navigate(site.url+"/all/?outlet=Haaretz&q=kerry"))
		if !isOpen() {
			t.Error("a filtered address opens with the filters closed")
		}
		kerry := shown("Haaretz's events with Kerry")
		if len(kerry) == 0 || len(kerry) >= len(site.citing("Haaretz")) {
			t.Errorf("?outlet=Haaretz&q=kerry shows %d events (Haaretz has %d)", len(kerry), len(site.citing("Haaretz")))
		}
		for _, id := range kerry {
			if text := eval[string](t, ctx, "a card", `document.getElementById(`+strconv.Quote(id)+`).textContent`); !strings.Contains(strings.ToLower(text), "kerry") {
				t.Errorf("event %s is shown for q=kerry without the word", id)
			}
		}
		// j and k: the focus goes to the next and back to the previous
		// event shown.
		do(t, ctx, "all events", chromedp.Navigate(site.url+"/all/"))
		focus := func(key string) string {
			do(t, ctx, key, chromedp.KeyEvent(key))
			return eval[string](t, ctx, "the focus", `(document.activeElement.closest("article.event") || {}).id || ""`)
		}
		all := shown("all events")
		if got := focus("j"); got != all[0] {
			t.Errorf("j from the top focuses %q, want the first event %q", got, all[0])
		}
		if got := focus("j"); got != all[1] {
			t.Errorf("j again focuses %q, want %q", got, all[1])
		}
		if got := focus("k"); got != all[0] {
			t.Errorf("k focuses %q, want %q", got, all[0])
		}
	})

	t.Run("printed", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		do(t, ctx, "a page to print", emulate(1280, 800, false), chromedp.Navigate(site.url+"/all/"), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
		// Every quote a card holds shows on paper, opened or not; the
		// links to the original (long text-fragment addresses) are not
		// spelled out, other external links are.
		got := eval[map[string]int](t, ctx, "the printed page", `(() => {
			const quotes = [...document.querySelectorAll("ol.timeline .citations a.quote")];
			const after = sel => [...document.querySelectorAll(sel)].filter(a => getComputedStyle(a, "::after").content.includes("http")).length;
			return { quotes: quotes.length, shown: quotes.filter(q => q.checkVisibility()).length,
				originals: after("a.original"), external: after('a[rel="external"]:not(.original)'), nav: document.querySelector("header.site nav").checkVisibility() ? 1 : 0 }; })()`)
		if got["shown"] != got["quotes"] || got["quotes"] == 0 {
			t.Errorf("printed, %d of the cards' %d quotes show", got["shown"], got["quotes"])
		}
		if got["originals"] != 0 || got["nav"] != 0 {
			t.Errorf("printed: %d links to originals spell out their address, the site's nav shows: %d", got["originals"], got["nav"])
		}
	})

	t.Run("focus clear of the header", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		for _, vp := range viewports {
			do(t, ctx, "emulating "+vp.name, emulate(vp.width, vp.height, vp.mobile))
			for _, p := range []string{"/", "/all/"} {
				checkTabbing(t, ctx, site.url+p, vp.name)
			}
		}
	})

	t.Run("targets clear of the header", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		// The links that lead into a page: "Back to the timeline" on the
		// first and last events' pages, the first and last citation links
		// of the lead page (to a sentence of an article) and marks of its
		// axis (to a card, on the page or on /all/).
		do(t, ctx, "the lead page", chromedp.Navigate(site.url+"/"))
		links := eval[[]string](t, ctx, "its links", `(() => { const l = sel => [...document.querySelectorAll(sel)].map(a => a.getAttribute("href"));
			const q = l("a.quote"), m = l("svg.axis-wide a.mark");
			return [q[0], q[q.length - 1], m[0], m[Math.floor(m.length / 2)], m[m.length - 1]]; })()`)
		for _, e := range []event{first, last} {
			do(t, ctx, e.Page, chromedp.Navigate(site.url+e.Page))
			links = append(links, eval[string](t, ctx, "its link back", `[...document.querySelectorAll("main a")].find(a => a.textContent === "Back to the timeline").getAttribute("href")`))
		}
		for _, vp := range viewports {
			do(t, ctx, "emulating "+vp.name, emulate(vp.width, vp.height, vp.mobile))
			stuck := 0
			for _, l := range links {
				if l == "" || !strings.Contains(l, "#") {
					t.Fatalf("a link without a fragment: %q (of %v)", l, links)
				}
				u := l
				if strings.HasPrefix(l, "#") {
					u = "/" + l
				}
				// From another page, as a reader following the link does.
				do(t, ctx, u, chromedp.Navigate("about:blank"), chromedp.Navigate(site.url+u))
				if checkTarget(t, ctx, vp.name, u) {
					stuck++
				}
			}
			// The test means something only if a heading was stuck.
			if stuck < 3 {
				t.Errorf("on a %s: a sticky heading was stuck over %d targets of %d", vp.name, stuck, len(links))
			}
		}
	})

	t.Run("text at 200%", func(t *testing.T) {
		t.Parallel()
		ctx := b.Tab(t)
		do(t, ctx, "emulating a phone", emulate(390, 844, true), largeText)
		for _, p := range pages {
			do(t, ctx, p, chromedp.Navigate(site.url+p))
			if px := eval[string](t, ctx, "the text size", `getComputedStyle(document.documentElement).fontSize`); px != "32px" {
				t.Fatalf("%s: the root text is %s, want 32px (200%%)", p, px)
			}
			checkWidth(t, ctx, p+" at 200% text", 390)
			checkNav(t, ctx, p)
		}
	})

	// On a phone, the last citation of the last event: a sentence far
	// down its article; on a desktop, the first of the first.
	lastCite, firstCite := last.Citations[len(last.Citations)-1], first.Citations[0]
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
		citation      citation
	}{
		{"phone", 390, 844, true, citation{last.ID, lastCite.Quote, lastCite.Anchor}},
		{"desktop", 1280, 800, false, citation{first.ID, firstCite.Quote, firstCite.Anchor}},
	} {
		t.Run(vp.name, func(t *testing.T) {
			t.Parallel()
			ctx := b.Tab(t)
			do(t, ctx, "emulating "+vp.name, emulate(vp.width, vp.height, vp.mobile))
			for _, p := range pages {
				t.Run(cmp.Or(strings.Trim(p, "/"), "timeline"), func(t *testing.T) {
					do(t, ctx, p, chromedp.Navigate(site.url+p))
					checkLangAndImages(t, ctx, p) // first: it loads the lazy images
					checkWidth(t, ctx, p, vp.width)
					// A card shows one quote, the others open under it: the
					// seed timeline was 29,000 pixels tall on a phone with
					// every quote shown (15,500 now).
					if h := eval[int](t, ctx, "height", `document.documentElement.scrollHeight`); p == "/all/" && vp.mobile && h > 18000 {
						t.Errorf("every event is %d pixels tall on a phone, want at most 18,000", h)
					}
					checkFocus(t, ctx, p)
					// Links to events after cited sentences are targets of
					// 24 pixels at least (WCAG 2.2, 2.5.8).
					small := eval[[]string](t, ctx, "small targets", `[...document.querySelectorAll("a.cite-ref")].map(a => a.getBoundingClientRect()).filter(r => r.height < 24 || r.width < 24).map(r => r.width.toFixed(1) + "×" + r.height.toFixed(1))`)
					if len(small) > 0 {
						t.Errorf("%s: %d event links smaller than 24×24 pixels: %v", p, len(small), small[:min(len(small), 5)])
					}
				})
			}
			t.Run("citation", func(t *testing.T) {
				checkCitation(t, ctx, site.url, vp.citation)
			})
		})
	}
}

// viewports are the phone and the desktop the tests read pages on.
var viewports = []struct {
	name          string
	width, height int64
	mobile        bool
}{{"desktop", 1280, 800, false}, {"phone", 390, 844, true}}

// largeText sets the browser's text size to 200% (32 pixels, the default
// being 16), as a reader does in the browser's settings (Chromium's
// Settings > Appearance > Font size; Page.setFontSizes in the DevTools
// protocol): text and everything sized in rem and em grows, the page's
// zoom does not change.
var largeText = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: 32}})
	return err
})

// box is where an element is in the window, and the bottom of the sticky
// elements stuck at its top.
type box struct {
	What                     string
	Top, Bottom, Left, Right float64
	Width, Height            float64
	Sticky                   float64 // the lowest bottom of a stuck sticky element; 0 if none
	StickyWhat               string
	InnerWidth, InnerHeight  float64
	Overlaps                 bool // a stuck sticky element overlaps it
}

// boxJS is a script that defines where(el): its box (see box).
const boxJS = `window.where = el => {
	const r = el.getBoundingClientRect();
	let sticky = 0, stickyWhat = "", overlaps = false;
	for (const s of document.querySelectorAll("body *")) {
		const cs = getComputedStyle(s);
		if (cs.position !== "sticky" && cs.position !== "fixed") continue;
		const b = s.getBoundingClientRect(), top = parseFloat(cs.top);
		// Stuck: where its top says, at the top of the window.
		if (b.height === 0 || isNaN(top) || Math.abs(b.top - top) > 1) continue;
		if (b.bottom > sticky) { sticky = b.bottom; stickyWhat = s.tagName.toLowerCase() + " " + s.textContent.trim().slice(0, 20); }
		if (r.top < b.bottom - 0.5 && r.bottom > b.top && r.left < b.right && r.right > b.left) overlaps = true;
	}
	return { What: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + JSON.stringify(el.textContent.replace(/\s+/g, " ").trim().slice(0, 40)),
		Top: r.top, Bottom: r.bottom, Left: r.left, Right: r.right, Width: r.width, Height: r.height,
		Sticky: sticky, StickyWhat: stickyWhat, InnerWidth: document.documentElement.clientWidth, InnerHeight: innerHeight, Overlaps: overlaps };
}`

// checkTabbing presses Tab through a page from its top to its end, then
// Shift+Tab back to its top, with real key events: after each press the
// focused element must be in the window and wholly below the sticky
// headings stuck at its top (WCAG 2.2, 2.4.11 Focus Not Obscured).
func checkTabbing(t *testing.T, ctx context.Context, u, device string) {
	t.Helper()
	do(t, ctx, u, chromedp.Navigate(u))
	eval[chromedp.Void](t, ctx, "where", boxJS)
	backTab := chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	stops, stuck := 0, 0
	for _, dir := range []struct {
		name string
		key  chromedp.Action[chromedp.Void]
	}{{"Tab", chromedp.KeyEvent(kb.Tab)}, {"Shift+Tab", backTab}} {
		var seen []string
		eval[chromedp.Void](t, ctx, "a new round", `window.firstStop = null`)
		for i := 0; i < 2000; i++ {
			do(t, ctx, dir.name, dir.key)
			// Focus leaves the page after its last stop (or first,
			// backwards), or goes round to the first again.
			got := eval[*box](t, ctx, "the focus", `(() => { const a = document.activeElement;
				if (a === document.body || a === window.firstStop) return null;
				window.firstStop = window.firstStop || a;
				return where(a); })()`)
			if got == nil && len(seen) == 0 && i < 2 {
				continue // from outside the page: once more
			}
			if got == nil {
				break
			}
			stops++
			if got.Sticky > 0 {
				stuck++
			}
			if got.Overlaps || got.Sticky > 0 && got.Top < got.Sticky-0.5 {
				t.Errorf("%s on a %s, %s %d: the focused %s (top %.1f) is under the sticky %q (bottom %.1f)", u, device, dir.name, i+1, got.What, got.Top, got.StickyWhat, got.Sticky)
			}
			if got.Height > 0 && (got.Top < -0.5 || got.Left < -0.5 || got.Right > got.InnerWidth+0.5 || got.Bottom > got.InnerHeight+0.5) {
				t.Errorf("%s on a %s, %s %d: the focused %s is not wholly in the window (%.0f,%.0f to %.0f,%.0f in %.0f×%.0f)", u, device, dir.name, i+1, got.What, got.Left, got.Top, got.Right, got.Bottom, got.InnerWidth, got.InnerHeight)
			}
			seen = append(seen, got.What)
		}
		t.Logf("%s on a %s: %s went through %d stops", u, device, dir.name, len(seen))
		if len(seen) < 20 || !strings.Contains(seen[0]+seen[len(seen)-1], "Skip to content") {
			t.Fatalf("%s on a %s: %s stopped at %d elements only: %v", u, device, dir.name, len(seen), seen)
		}
	}
	// The test means something only if the headings were stuck while it
	// tabbed.
	if stuck < stops/2 {
		t.Errorf("%s on a %s: a sticky heading was stuck at %d focus stops of %d", u, device, stuck, stops)
	}
}

// checkTarget checks that the :target of the page just opened is in the
// window, below the sticky headings, and not flush with the window's top
// edge (or the sticky heading's bottom): a reader sees where it begins.
func checkTarget(t *testing.T, ctx context.Context, device, u string) (stuck bool) {
	t.Helper()
	eval[chromedp.Void](t, ctx, "where", boxJS)
	got := eval[*box](t, ctx, "the target", `document.querySelector(":target") && where(document.querySelector(":target"))`)
	if got == nil {
		t.Errorf("%s on a %s: no :target", u, device)
		return false
	}
	const gap = 8 // pixels at least between the header, or the window's top, and the target
	if got.Overlaps || got.Top < got.Sticky+gap {
		t.Errorf("%s on a %s: the target %s is at %.1f, under or flush with the sticky %q (bottom %.1f) or the window's top", u, device, got.What, got.Top, got.StickyWhat, got.Sticky)
	}
	// In the window; wholly, if it is a sentence or a card of half a window.
	if got.Height <= got.InnerHeight/2 && got.Bottom > got.InnerHeight+0.5 || got.Top >= got.InnerHeight {
		t.Errorf("%s on a %s: the target %s (%.0f to %.0f) is not wholly in the %.0f-pixel window", u, device, got.What, got.Top, got.Bottom, got.InnerHeight)
	}
	return got.Sticky > 0
}

// checkNav checks that the site's header shows each of its links whole,
// side by side or wrapped, none over another or past the window's edge.
func checkNav(t *testing.T, ctx context.Context, p string) {
	t.Helper()
	bad := eval[[]string](t, ctx, "the nav", `(() => {
		const w = document.documentElement.clientWidth, bad = [];
		const items = [...document.querySelectorAll("header.site .site-title a, header.site nav a")];
		const rs = items.map(a => a.getBoundingClientRect());
		items.forEach((a, i) => {
			const r = rs[i], name = JSON.stringify(a.textContent.trim());
			if (r.width === 0 || r.left < -0.5 || r.right > w + 0.5) bad.push(name + " from " + r.left.toFixed(0) + " to " + r.right.toFixed(0) + " in " + w);
			if (a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).display !== "inline") bad.push(name + " is clipped");
			for (let j = 0; j < i; j++) { const o = rs[j];
				if (r.left < o.right - 0.5 && r.right > o.left + 0.5 && r.top < o.bottom - 0.5 && r.bottom > o.top + 0.5)
					bad.push(name + " overlaps " + JSON.stringify(items[j].textContent.trim())); }
		});
		for (const el of document.querySelectorAll("header.site, header.site *")) {
			if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") bad.push(el.tagName.toLowerCase() + " clips its content");
		}
		return bad; })()`)
	for _, b := range bad {
		t.Errorf("%s at 200%% text on a phone: %s", p, b)
	}
}

// checkWidth checks that the page does not scroll horizontally, and that
// it is laid out for the screen's width.
func checkWidth(t *testing.T, ctx context.Context, p string, screen int64) {
	t.Helper()
	got := eval[widths](t, ctx, p, `(() => {
		const d = document.documentElement, w = d.clientWidth;
		return { ScrollWidth: d.scrollWidth, ClientWidth: w,
			// What runs past the window, but for what a scrolling box
			// (the axis's) holds.
			Wide: [...document.body.querySelectorAll("*")]
				.filter(el => el.getBoundingClientRect().right > w + 0.5 && !el.parentElement.closest(".axis-wrap"))
				.slice(0, 5).map(el => el.tagName.toLowerCase() + (el.getAttribute("class") ? "." + el.getAttribute("class") : "") + " " + JSON.stringify((el.textContent || "").trim().slice(0, 30))) };
	})()`)
	// Without the viewport meta tag a phone lays pages out 980 pixels wide
	// and shrinks them: nothing would scroll, and nothing could be read.
	if got.ClientWidth > int(screen) {
		t.Errorf("%s: laid out %d pixels wide on a %d-pixel screen", p, got.ClientWidth, screen)
	}
	if got.ScrollWidth > got.ClientWidth {
		t.Errorf("%s scrolls horizontally: %d pixels wide in %d (too wide: %v)", p, got.ScrollWidth, got.ClientWidth, got.Wide)
	}
}

// checkLangAndImages checks <html lang> and that every image has alt text
// and loads.
func checkLangAndImages(t *testing.T, ctx context.Context, p string) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[pageFacts](`(async () => {
		// Images load lazily: ask for them now.
		const loaded = await Promise.all([...document.images].map(i => {
			i.loading = "eager";
			return i.decode().then(() => i.naturalWidth > 0, () => false);
		}));
		return { Lang: document.documentElement.lang,
			Images: [...document.images].map((i, n) => ({ Src: i.getAttribute("src"), Alt: i.getAttribute("alt"), Loaded: loaded[n] })) };
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	if got.Lang != "en" {
		t.Errorf("%s: <html lang=%q>, want en", p, got.Lang)
	}
	for _, img := range got.Images {
		if img.Alt == nil || strings.TrimSpace(*img.Alt) == "" {
			t.Errorf("%s: <img src=%q> has no alt text", p, img.Src)
		}
		if !img.Loaded {
			t.Errorf("%s: <img src=%q> did not load", p, img.Src)
		}
	}
	if strings.Contains(p, photoArticle) && len(got.Images) == 0 {
		t.Errorf("%s: the restored photo is missing", p)
	}
}

// checkFocus presses Tab twice on a page just loaded: the skip link, which
// shows itself, then the site title get the focus, each with a visible
// outline and on screen.
func checkFocus(t *testing.T, ctx context.Context, p string) {
	t.Helper()
	for i := 0; i < 2; i++ {
		do(t, ctx, "Tab", chromedp.KeyEvent(kb.Tab))
		got := eval[focused](t, ctx, "the focused element", `(() => {
			const a = document.activeElement, s = getComputedStyle(a), r = a.getBoundingClientRect();
			return { Tag: a.tagName.toLowerCase(), Text: a.textContent.trim(),
				Outline: s.outlineStyle, OutlineWidth: parseFloat(s.outlineWidth) || 0,
				Left: r.left, Top: r.top,
				InView: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight };
		})()`)
		if got.Tag != "a" {
			t.Errorf("%s: Tab %d focused a <%s>, want a link", p, i+1, got.Tag)
			continue
		}
		if got.Outline == "none" || got.OutlineWidth < 1 {
			t.Errorf("%s: the focused link %q has no visible outline (%s, %gpx)", p, got.Text, got.Outline, got.OutlineWidth)
		}
		if !got.InView {
			t.Errorf("%s: the focused link %q is off screen (at %.0f, %.0f)", p, got.Text, got.Left, got.Top)
		}
		if i == 0 && got.Text != "Skip to content" {
			t.Errorf("%s: the first Tab focused %q, want the skip link", p, got.Text)
		}
	}
}

// checkCitation clicks a citation of an event on the timeline and checks
// that the article opens with the quoted sentence as its :target, in view,
// uncovered and highlighted.
func checkCitation(t *testing.T, ctx context.Context, base string, c citation) {
	t.Helper()
	event, quote, anchor := c.event, c.quote, c.anchor
	link := chromedp.CSS(fmt.Sprintf(`[id=%q] a.quote[href=%q]`, event, anchor))
	do(t, ctx, "the timeline", chromedp.Navigate(base+"/all/"))
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(link))); err != nil {
		t.Fatalf("clicking %s: %v", anchor, err)
	}
	got := eval[landing](t, ctx, anchor, `(() => {
		const t = document.querySelector(":target");
		if (!t) return { Path: location.pathname + location.hash };
		const r = t.getClientRects()[0], all = t.getBoundingClientRect();
		const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
		return { Path: location.pathname + location.hash, ID: t.id, Text: t.textContent.replace(/\s+/g, " ").trim(),
			Outline: getComputedStyle(t).outlineStyle,
			Top: all.top, Bottom: all.bottom, Height: all.height, InnerHeight: innerHeight,
			OnTop: hit !== null && t.contains(hit) };
	})()`)
	if got.Path != anchor {
		t.Fatalf("the link led to %s, want %s", got.Path, anchor)
	}
	if want := anchor[strings.Index(anchor, "#")+1:]; got.ID != want {
		t.Fatalf("the :target is %q, want %q", got.ID, want)
	}
	if got.Text != strings.Join(strings.Fields(quote), " ") {
		t.Errorf("the target says %q, want the quote %q", got.Text, quote)
	}
	// Scrolled to (a fraction of a pixel may stay above the top).
	if got.Height <= 0 || got.Top < -1 || got.Top >= got.InnerHeight {
		t.Errorf("the sentence is not in view: top %.0f, bottom %.0f, window %.0f high", got.Top, got.Bottom, got.InnerHeight)
	}
	if !got.OnTop {
		t.Errorf("the sentence is covered by another element")
	}
	if got.Outline == "none" {
		t.Errorf("the sentence is not highlighted as the target (outline-style %s)", got.Outline)
	}
}
