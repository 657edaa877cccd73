package importer

// HTML import, and why it uses no readability library.
//
// codeberg.org/readeck/go-readability/v2 (v2.1.3, the maintained fork of
// go-shiori/go-readability, a port of Mozilla's Readability.js) was
// measured against this reader by testdata/readability (its own module,
// so the library is no dependency of ours: cd there and go run .):
//
//   - On the five seed pages of testdata/html, against the cleaned
//     articles in content/, counting article paragraphs lost and
//     furniture blocks kept: this reader 0 lost, 0 kept; readability 0
//     lost, 12 kept (the newsletter and subscribe boxes inside <article>,
//     a breadcrumb, a date line, a "Read more" link, the "about MEE" box);
//     readability's blocks run through the text reader's cleaner 0 lost,
//     3 kept.
//   - On the 101 test pages readability ships (real pages; 2,743
//     paragraphs of 12 words or more in the expected.html Readability.js
//     gives, which favours it): this reader loses 118 of them,
//     readability 44. Most of this reader's losses are on pages that are
//     no plain news article (a Kotaku feature, a Dropbox engineering post,
//     Wikipedia, Mozilla product pages, a Yahoo list of games); on the news
//     pages they are mostly "Related:", "Read more", "Lire aussi" lines
//     and author notes, which it takes out on purpose.
//
// And readability rewrites the tree it returns, so its blocks have no
// input lines, which the Removed notes need. So the markup hints it
// relies on are here (markupReason, link density, the <article> or the
// element that holds the prose), and the text rules are the cleaner's,
// shared with the text reader.

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// The reasons only markup gives, as they appear in Note.Reason.
const (
	reasonHidden   = "hidden on the page"
	reasonButton   = "button"
	reasonSidebar  = "sidebar"
	reasonForm     = "form"
	reasonDialog   = "dialog"
	reasonHeadline = "page headline (the title is og:title's)"
)

// HTML imports an article from a saved web page. The page is read as
// UTF-8 when it is, else decoded from its declared charset (a BOM,
// <meta charset> or http-equiv; Windows-1252 when it declares none),
// parsed with
// golang.org/x/net/html, and its metadata and text blocks read:
//
//   - facts: see pageMeta.pageFacts; <time datetime> in the article for a
//     date the metadata lacks.
//   - blocks: p, h1-h6, li, blockquote, figcaption, dd/dt, td, and text
//     loose in other containers (split at <br><br>), each with the line
//     its text starts on.
//   - the article: the <article> with the most prose, else the smallest
//     element holding all the page's prose outside furniture, widened to
//     the headline when the headline is outside it.
//   - furniture by markup (see markupReason): blocks in nav, footer,
//     aside, form, a page header, hidden elements, elements whose class,
//     id or role names furniture (cookie, newsletter, share, related,
//     comments, ad...), and link lists.
//
// The article's blocks go to the cleaner the text reader uses, with the
// markup's reasons set, so the same rules (furniture phrases, boxes,
// repeated captions, comment threads, other scripts, the header's
// standfirst, byline and date) apply; the blocks outside the article are
// listed as removed (or flagged, when in another script) with the reason
// their markup or text gives.
func HTML(src []byte, opts Options) (*Article, error) {
	text, err := decodeHTML(src)
	if err != nil {
		return nil, err
	}
	if err := checkInput([]byte(text), false); err != nil {
		return nil, err
	}
	// A stray byte that is not UTF-8 becomes U+FFFD, as in a browser.
	text = strings.ToValidUTF8(text, "\uFFFD")
	doc, err := html.ParseWithOptions(strings.NewReader(text), html.ParseOptionEnableScripting(true))
	if err != nil {
		return nil, fmt.Errorf("cannot parse the page: %v", err)
	}
	meta := readMeta(doc)
	found := meta.pageFacts()
	body := findBody(doc)
	if body == nil {
		return nil, fmt.Errorf("no <body> in the page")
	}
	w := &walker{lines: textLines(text, doc)}
	w.walk(body, wctx{node: body})
	w.flush()
	if len(w.out) == 0 {
		return nil, fmt.Errorf("no text in the page's <body>")
	}
	p := &page{blocks: w.out, found: found, meta: meta, body: body}
	p.findTitle()
	p.findRoot()
	p.setReasons()
	return p.clean(opts)
}

// decodeHTML returns the page as UTF-8 text: as it is when it has a
// UTF-8 BOM or is valid UTF-8, else decoded from the charset its BOM or
// <meta> declares (Windows-1252 when it declares none).
func decodeHTML(src []byte) (string, error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return "", fmt.Errorf("empty input: no text to import")
	}
	enc, name, certain := charset.DetermineEncoding(src, "")
	if !certain && utf8.Valid(src) {
		// Text in a legacy encoding is seldom valid UTF-8 by chance, so a
		// page that is has been saved as UTF-8 (browsers do), whatever
		// its <meta> still says; and an undeclared page that is UTF-8 is
		// not in the locale's legacy encoding the standard falls back on.
		name = "utf-8"
	}
	if name == "utf-8" {
		return string(bytes.TrimPrefix(src, []byte("\ufeff"))), nil
	}
	out, err := io.ReadAll(transform.NewReader(bytes.NewReader(src), enc.NewDecoder()))
	if err != nil {
		return "", fmt.Errorf("decoding the page from %s: %v", name, err)
	}
	return string(bytes.TrimPrefix(out, []byte("\ufeff"))), nil
}

func findBody(doc *html.Node) *html.Node {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
	}
	return nil
}

// page is a parsed page on its way to the cleaner.
type page struct {
	blocks []*hblock
	found  facts
	meta   *pageMeta
	body   *html.Node
	root   *html.Node // the article's element
	title  *hblock    // the headline's block, or nil
	boxes  map[*html.Node]*boxStats
	// proseWords counts the words of the page's prose blocks.
	proseWords int
}

// findTitle finds the headline: the <h1> that is the title the metadata
// gives, else, when it gives none, the first <h1>. An og:title that is
// the headline with the site's name after a separator gives way to it;
// one that differs leaves the <h1> to be noted.
func (p *page) findTitle() {
	want := p.found.Title
	var firstH1 *hblock
	for _, b := range p.blocks {
		if b.kind != kindTitle || b.hidden {
			continue
		}
		if firstH1 == nil {
			firstH1 = b
		}
		if want != "" && (sameText(b.text, want) || sameText(b.text, stripSite(want)) || siteSuffixed(want, b.text)) {
			p.title = b
			p.found.Title = b.text
			return
		}
	}
	p.title = firstH1
	if want == "" && firstH1 == nil && p.meta.title != "" {
		p.found.Title = stripSite(p.meta.title)
	}
}

// siteSuffixed reports whether title is headline followed by a separator
// and a short site name ("Headline - The Week").
func siteSuffixed(title, headline string) bool {
	nt, nh := normWords(title), normWords(headline)
	if !strings.HasPrefix(nt, nh) || nt == nh {
		return false
	}
	rest := strings.TrimSpace(title[min(len(title), len(strings.TrimSpace(headline))):])
	for _, sep := range []string{"|", "-", "–", "—", ":", "·"} {
		if r, ok := strings.CutPrefix(rest, sep); ok && words(r) <= 5 {
			return true
		}
	}
	return false
}

// findRoot picks the article's element, widened to hold the headline
// before it when the headline is the metadata's title (or the metadata
// gives none): a site's logo in an <h1> widens nothing.
func (p *page) findRoot() {
	p.countBoxes()
	p.root = p.bestArticle()
	if p.root == nil {
		p.root = p.proseAncestor()
	}
	t := p.title
	if t != nil && (p.titleNode() != nil || p.found.Title == "") && !contains(p.root, t.node) && precedes(t.node, p.root) {
		p.root = commonAncestor(p.root, t.node)
	}
}

// bestArticle returns the <article> holding the most prose, not counting
// furniture inside it, when it holds two paragraphs or more; articles
// that are themselves furniture (teasers, comments) are not candidates.
func (p *page) bestArticle() *html.Node {
	var best *html.Node
	bestWords := 0
	for n := range p.body.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom != atom.Article || p.furnitureUp(n, p.body, nil) != "" {
			continue
		}
		count, paras := 0, 0
		for _, b := range p.blocks {
			if contains(n, b.node) && b.prose() && p.furnitureUp(b.up(), n, nil) == "" {
				count += words(b.text)
				paras++
			}
		}
		if paras >= 2 && count > bestWords {
			best, bestWords = n, count
		}
	}
	return best
}

// proseAncestor returns the smallest element holding every prose block
// outside furniture (the body when there is none).
func (p *page) proseAncestor() *html.Node {
	var root *html.Node
	for _, b := range p.blocks {
		if !b.prose() || b.hidden || p.furnitureUp(b.up(), p.body, nil) != "" {
			continue
		}
		if root == nil {
			root = b.node
		} else {
			root = commonAncestor(root, b.node)
		}
	}
	if root == nil {
		return p.body
	}
	return root
}

// setReasons sets the reason markup gives each block: the nearest
// furniture element around it that does not hold the article, hidden,
// outside the article, a link list.
func (p *page) setReasons() {
	for _, b := range p.blocks {
		in := contains(p.root, b.node)
		r := p.furnitureUp(b.up(), p.body, p.root)
		switch {
		case r != "":
		case b.hidden:
			r = reasonHidden
		case in && b == p.title && p.found.Title != "" && !sameText(b.text, p.found.Title):
			r = reasonHeadline
		case in && p.linkList(b):
			r = reasonLinks
		case !in:
			r = p.outsideReason(b)
		}
		b.reason = r
		if b.node.DataAtom == atom.Button && r == "" {
			b.reason = reasonButton
		}
		if r == "" && b.timeLetters == b.letters {
			b.role = roleDate // a <time> alone: "Wednesday", "2 hours ago"
		}
	}
	p.mergeMenus()
}

// linkList reports whether b is mostly links (a link of its own, a line
// of links) or in a box that is (a label and its list of topics), and
// is not the headline, a caption, a byline or a date line, which the
// cleaner takes.
func (p *page) linkList(b *hblock) bool {
	if b == p.title || b.kind == kindCaption || words(b.text) <= 12 && findDate(b.text) != "" {
		return false
	}
	if a := p.found.Author; a != "" && (sameText(b.text, a) || sameText(b.text, "By "+a)) {
		return false
	}
	if share := b.linkShare(); share >= 0.8 || share >= 0.5 && !isProse(b.text) {
		return true
	}
	for e := b.node.Parent; e != nil && e != p.root; e = e.Parent {
		if s := p.boxes[e]; s != nil && s.blocks >= 2 && s.prose == 0 && s.letters > 0 && float64(s.linkLetters)/float64(s.letters) >= 0.5 {
			return true
		}
	}
	return false
}

// boxStats are the totals of the blocks under an element.
type boxStats struct {
	blocks, prose, proseWords, letters, linkLetters int
}

// countBoxes adds up each element's blocks, and the page's prose.
func (p *page) countBoxes() {
	p.boxes = map[*html.Node]*boxStats{}
	for _, b := range p.blocks {
		for e := b.node; e != nil && e != p.body; e = e.Parent {
			s := p.boxes[e]
			if s == nil {
				s = &boxStats{}
				p.boxes[e] = s
			}
			s.blocks++
			s.letters += b.letters
			s.linkLetters += b.linkLetters
			if b.prose() && !b.hidden {
				s.prose++
				s.proseWords += words(b.text)
			}
		}
		if b.prose() && !b.hidden {
			p.proseWords += words(b.text)
		}
	}
}

// outsideReason names a block outside the article by its text: a
// furniture line or a link list, else just outside.
func (p *page) outsideReason(b *hblock) string {
	if r := lineReason(b.text); r != "" {
		return r
	}
	if b.linkShare() >= 0.5 {
		return reasonLinks
	}
	return reasonOutside
}

// mergeMenus joins the items of a list taken out whole, each a few
// words or a short link (a menu, a list of links), into one block: one
// note, not one a link.
func (p *page) mergeMenus() {
	var out []*hblock
	for i := 0; i < len(p.blocks); {
		b := p.blocks[i]
		j := i + 1
		short := func(x *hblock) bool { return words(x.text) <= 6 || words(x.text) <= 12 && x.linkShare() >= 0.5 }
		if b.kind == kindItem && b.reason != "" && b.node.Parent != nil && short(b) {
			for j < len(p.blocks) {
				n := p.blocks[j]
				if n.kind != kindItem || n.reason != b.reason || n.node.Parent != b.node.Parent || !short(n) {
					break
				}
				j++
			}
		}
		if j > i+1 {
			parts := make([]string, 0, j-i)
			for _, x := range p.blocks[i:j] {
				parts = append(parts, x.text)
			}
			b.text = strings.Join(parts, " · ")
		}
		out = append(out, b)
		i = j
	}
	p.blocks = out
}

// clean hands the article's blocks to the cleaner and adds the notes of
// the others.
func (p *page) clean(opts Options) (*Article, error) {
	var in []*block
	var outside []*hblock
	for _, b := range p.blocks {
		// Link lists and hidden text, which the markup alone marks, are
		// not shown to the cleaner: a "Read more" link between two
		// paragraphs is no box that can end the article.
		if contains(p.root, b.node) && b.reason != reasonLinks && b.reason != reasonHidden {
			in = append(in, b.block)
		} else {
			outside = append(outside, b)
		}
	}
	found := p.found
	if found.Published == "" {
		found.Published = p.timeDate()
	}
	a, err := clean(in, found, opts, true)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, b := range in {
		if b.reason == "" && b.role == roleNone {
			scriptCounts(b.text, counts)
		}
	}
	main := mainScript(counts)
	for _, b := range outside {
		n := Note{Line: b.line, Text: shorten(b.text), Reason: b.reason}
		if s := otherScript(b.text, main); s != "" {
			n.Reason = s + " script"
			a.Flagged = append(a.Flagged, n)
		} else {
			a.Removed = append(a.Removed, n)
		}
	}
	sortNotes(a.Removed)
	sortNotes(a.Flagged)
	return a, nil
}

// timeDate returns the date of the first <time datetime> in the article.
func (p *page) timeDate() string {
	for n := range p.root.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Time {
			if d := metaDate(attr(n, "datetime")); d != "" {
				return d
			}
		}
	}
	return ""
}

func sortNotes(ns []Note) {
	// Insertion sort: the notes are nearly in order, and stable.
	for i := 1; i < len(ns); i++ {
		for j := i; j > 0 && ns[j].Line < ns[j-1].Line; j-- {
			ns[j], ns[j-1] = ns[j-1], ns[j]
		}
	}
}

// furnitureUp returns the furniture the elements from n up to (not
// including) top name: the nearest that names a specific box, else the
// nearest, else "". The elements that hold the article's element (root),
// its headline, or most of the page's prose are no furniture, whatever
// their class says ("l-sidebar-fixed l-article-body-segment", an id
// "gigya-share-btns-2" on the article's text), but for comments, which
// can outweigh the article.
func (p *page) furnitureUp(n, top, root *html.Node) string {
	title := p.titleNode()
	found := ""
	for e := n; e != nil && e != top; e = e.Parent {
		if e.Type != html.ElementNode || root != nil && contains(e, root) || title != nil && contains(e, title) {
			continue
		}
		r := markupReason(e, root)
		if r != "" && r != reasonComments && p.boxes[e] != nil && p.boxes[e].proseWords*2 > p.proseWords {
			continue
		}
		if specific[r] {
			return r
		}
		if found == "" {
			found = r
		}
	}
	return found
}

// specific are the reasons that name a box for what it is; the others
// (a popup, a sidebar, a form, a menu) may hold one, and give way to a
// specific reason further out: a cookie banner's "popup-text" is the
// cookie notice, a newsletter box's form is the newsletter box.
var specific = map[string]bool{
	reasonCookie: true, reasonNewsletter: true, reasonSubscription: true, reasonShare: true,
	reasonComments: true, reasonLogin: true,
}

// titleNode returns the headline's element when it is the title the
// metadata gives, or nil.
func (p *page) titleNode() *html.Node {
	if p.title == nil || p.found.Title == "" || !sameText(p.title.text, p.found.Title) {
		return nil
	}
	return p.title.node
}

// markupReason returns the furniture an element is by its class, id,
// role or tag, or "". A <header> is furniture only outside the article
// (root); inside, it holds the headline, standfirst and byline.
func markupReason(e, root *html.Node) string {
	if r := hintReason(attr(e, "class") + " " + attr(e, "id")); r != "" {
		return r
	}
	switch strings.ToLower(strings.TrimSpace(attr(e, "role"))) {
	case "navigation", "menu", "menubar", "search":
		return reasonNav
	case "contentinfo":
		return reasonFooter
	case "complementary":
		return reasonSidebar
	case "dialog", "alertdialog":
		return reasonDialog
	case "banner":
		if root == nil || !contains(root, e) {
			return reasonHeader
		}
	}
	switch e.DataAtom {
	case atom.Nav, atom.Menu:
		return reasonNav
	case atom.Footer:
		return reasonFooter
	case atom.Aside:
		return reasonSidebar
	case atom.Form:
		return reasonForm
	case atom.Dialog:
		return reasonDialog
	case atom.Header:
		if root == nil || !contains(root, e) {
			return reasonHeader
		}
	}
	return ""
}

// contains reports whether n is a or under it.
func contains(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

func commonAncestor(a, b *html.Node) *html.Node {
	for x := a; x != nil; x = x.Parent {
		if contains(x, b) {
			return x
		}
	}
	return a
}

// precedes reports whether a starts before b in document order.
func precedes(a, b *html.Node) bool {
	root := a
	for root.Parent != nil {
		root = root.Parent
	}
	for n := range root.Descendants() {
		if n == a {
			return true
		}
		if n == b {
			return false
		}
	}
	return false
}
