package importer

import (
	"strings"
)

type kind int

const (
	kindUnknown kind = iota // text: decided by shape
	kindPara
	kindHeading
	kindTitle // an HTML <h1>
	kindCaption
	kindItem
	kindQuote
)

type role int

const (
	roleNone role = iota
	roleTitle
	roleSummary
	roleByline
	roleDate
)

// block is one paragraph-like piece of the input: a line of text, or an
// HTML block element's text.
type block struct {
	line    int    // 1-based line of the input it starts on
	text    string // one line, spaces collapsed
	kind    kind
	group   int     // text: index of the blank-line separated group
	links   float64 // HTML: share of the text inside links
	reason  string  // why it is taken out, "" if it stays
	flagged bool    // taken out for its script
	role    role    // moved to the front matter
}

func (b *block) out() bool  { return b.reason != "" || b.role != roleNone }
func (b *block) free() bool { return !b.out() }

// facts are what the reader found outside the blocks (HTML metadata).
type facts struct {
	Title, Outlet, URL, Author, Summary, Published string
}

// normText collapses spaces, undoes a label written twice ("Send in
// e-mailSend in e-mail") and puts a space before a credit glued to a
// caption ("2013.Credit: Reuters").
func normText(s string) string {
	s = strings.TrimSpace(reSpaces.ReplaceAllString(s, " "))
	if n := len(s); n >= 4 && n%2 == 0 && s[:n/2] == s[n/2:] {
		s = s[:n/2]
	}
	return reCreditGlue.ReplaceAllString(s, "$1 $2:")
}

// cleaner holds the state of one clean.
type cleaner struct {
	b     []*block
	opts  Options
	found facts
	html  bool
	lead  int // index of the lead paragraph
	cut   int // index where the article ends (len(b) if it runs to the end)

	title, outletHint, summary, author, published string
}

// clean decides what of blocks is the article and makes the Article.
func clean(blocks []*block, found facts, opts Options, isHTML bool) (*Article, error) {
	c := &cleaner{opts: opts, found: found, html: isHTML}
	for _, b := range blocks {
		b.text = normText(b.text)
		if b.text != "" {
			c.b = append(c.b, b)
		}
	}
	c.cut = len(c.b)
	c.scripts()
	for _, b := range c.b {
		if b.reason == "" {
			b.reason = lineReason(b.text)
		}
	}
	c.header()
	c.repeats()
	c.boxes()
	c.comments()
	c.tail()
	return c.article()
}

// scripts flags the blocks written in another script than the article's.
func (c *cleaner) scripts() {
	counts := map[string]int{}
	for _, b := range c.b {
		scriptCounts(b.text, counts)
	}
	main := mainScript(counts)
	for _, b := range c.b {
		if s := otherScript(b.text, main); s != "" {
			b.reason, b.flagged = s+" script", true
		}
	}
}

// sameText compares two texts case, spacing and punctuation aside.
func sameText(a, b string) bool { return normWords(a) == normWords(b) && normWords(a) != " " }

// header finds the title, the lead paragraph and, between them, the
// standfirst, byline, date and page headers.
func (c *cleaner) header() {
	want := c.opts.Title
	if want == "" {
		want = c.found.Title
	}
	ti := -1
	for i, b := range c.b {
		if b.flagged || i > 40 {
			break
		}
		first, _, piped := strings.Cut(b.text, " | ")
		if want != "" && (sameText(b.text, want) || piped && sameText(first, want) || sameText(stripSite(want), b.text)) {
			ti = i
			break
		}
	}
	if ti < 0 && want == "" {
		ti = c.guessTitle()
	}
	if ti >= 0 {
		t := c.b[ti]
		t.role, t.reason = roleTitle, ""
		c.title = stripSite(t.text)
		for _, b := range c.b[:ti] {
			if b.reason == "" {
				b.reason = reasonHeader
			}
		}
	}
	start := ti + 1
	c.lead = c.findLead(start)
	// The site's name is the shortest part after a pipe in the header
	// ("Middle-east Arab News Opinion | Asharq Al-awsat").
	for _, b := range c.b[:c.lead] {
		if _, rest, ok := strings.Cut(b.text, " | "); ok && !b.flagged {
			if s := siteName(rest); c.outletHint == "" || len(s) < len(c.outletHint) {
				c.outletHint = s
			}
		}
	}
	for i := start; i < c.lead; i++ {
		b := c.b[i]
		if b.out() {
			continue
		}
		switch {
		case strings.Contains(b.text, " | "):
			b.reason = reasonHeader
		case c.isByline(b.text):
			if c.author == "" {
				b.role, c.author = roleByline, bylineName(b.text)
			} else {
				b.reason = reasonRepByline
			}
		case words(b.text) <= 12 && findDate(b.text) != "":
			b.role = roleDate
			if c.published == "" {
				c.published = findDate(b.text)
			}
		case b.kind == kindCaption || isCaption(b.text):
		case c.summary == "" && b.kind != kindHeading && words(b.text) >= 3 && words(b.text) <= 60:
			b.role, c.summary = roleSummary, b.text
		}
	}
}

// guessTitle returns the index of the first block that can be a title: an
// <h1>, else the first block no rule took out; of "Section | Site" and
// "Headline | Site" lines, the one with the longer first part.
func (c *cleaner) guessTitle() int {
	for i, b := range c.b {
		if b.kind == kindTitle {
			return i
		}
	}
	best, bestWords := -1, 0
	for i, b := range c.b {
		if i > 12 || isProse(b.text) && best >= 0 {
			break
		}
		if b.out() {
			continue
		}
		first, _, piped := strings.Cut(b.text, " | ")
		if !piped {
			if best < 0 {
				return i
			}
			break
		}
		if n := words(first); n > bestWords {
			best, bestWords = i, n
		}
	}
	return best
}

// stripSite removes a " | Site" or " - Site" suffix from a page title.
func stripSite(t string) string {
	if first, _, ok := strings.Cut(t, " | "); ok {
		return first
	}
	return t
}

// siteName returns the site's name from the part of a page title after
// the pipe: "ASHARQ AL-AWSAT English Archive 2005 -2017" has no shorter
// form, so the caller prefers a found outlet; this only trims blanks.
func siteName(s string) string {
	if first, _, ok := strings.Cut(s, " | "); ok {
		s = first
	}
	return strings.TrimSpace(s)
}

func (c *cleaner) isByline(s string) bool {
	if a := c.opts.Author; a != "" && (sameText(s, a) || sameText(s, "By "+a)) {
		return true
	}
	if a := c.found.Author; a != "" && (sameText(s, a) || sameText(s, "By "+a)) {
		return true
	}
	if words(s) > 12 || endsSentence(s) {
		return false
	}
	return reByline.MatchString(s) || reName.MatchString(s) && words(s) <= 4
}

// bylineName returns the author's name from a byline.
func bylineName(s string) string {
	if reByline.MatchString(s) {
		s = strings.TrimSpace(s[2:])
	}
	if i := strings.IndexAny(s, ",|"); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// findLead returns the index of the lead paragraph: the first prose block
// from start on with no byline, date or furniture line between it and the
// next prose block (a standfirst written as a sentence is followed by its
// byline).
func (c *cleaner) findLead(start int) int {
	for i := start; i < len(c.b); i++ {
		b := c.b[i]
		if b.out() || b.kind == kindHeading || b.kind == kindCaption || !isProse(b.text) || isCaption(b.text) {
			continue
		}
		headerish := false
		for j := i + 1; j < len(c.b) && j < i+6; j++ {
			n := c.b[j]
			if n.free() && isProse(n.text) {
				break
			}
			if n.reason == reasonShare || c.isByline(n.text) || words(n.text) <= 12 && findDate(n.text) != "" {
				headerish = true
				break
			}
		}
		if !headerish {
			return i
		}
	}
	return len(c.b)
}

// repeats takes out blocks seen before.
func (c *cleaner) repeats() {
	seen := map[string]*block{}
	for _, b := range c.b {
		if b.flagged {
			continue
		}
		key := normWords(b.text)
		first, ok := seen[key]
		if !ok {
			seen[key] = b
			continue
		}
		if b.role != roleNone {
			continue
		}
		switch {
		case first.kind == kindCaption || isCaption(first.text):
			b.reason = reasonRepCaption
		case first.role == roleByline:
			b.reason = reasonRepByline
		case first.role == roleTitle:
			b.reason = reasonRepTitle
		case first.reason != "":
			b.reason = first.reason
		case b.reason == "":
			b.reason = reasonRepeated
		}
	}
}

// boxes takes out a line between furniture lines as part of their box,
// and ends the article at the first box after which no two article
// paragraphs follow.
func (c *cleaner) boxes() {
	furn := func(i int) bool { return i >= 0 && i < len(c.b) && c.b[i].reason != "" }
	for i := c.lead + 1; i < len(c.b); i++ {
		if !furn(i-1) || c.b[i-1].flagged || c.b[i].out() {
			continue
		}
		for j := i; j < len(c.b) && j < i+2; j++ {
			if c.b[j].out() && !furn(j) || words(c.b[j].text) > 25 {
				break
			}
			if furn(j) && !c.b[j].flagged {
				for k := i; k < j; k++ {
					c.b[k].reason = c.b[i-1].reason
				}
				break
			}
		}
	}
	for i := c.lead + 1; i < len(c.b); i++ {
		if !furn(i) || c.b[i].flagged {
			continue
		}
		end := i
		for end < len(c.b) && furn(end) {
			end++
		}
		if !c.proseRun(end) {
			c.cut = i
			return
		}
		i = end
	}
}

// proseRun reports whether two article paragraphs in a row follow from i.
func (c *cleaner) proseRun(i int) bool {
	run := 0
	for ; i < len(c.b); i++ {
		b := c.b[i]
		if b.free() && (isProse(b.text) || c.html && b.kind == kindPara && words(b.text) >= 8) {
			run++
			if run == 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// comments ends the article where a reader comment thread starts: at a
// comments heading, or before a reply handle ("@ name"); in a text whose
// article is one run of lines, the thread starts at the first line after
// that run.
func (c *cleaner) comments() {
	for i := c.lead + 1; i < c.cut; i++ {
		b := c.b[i]
		if b.reason != reasonComments {
			continue
		}
		if reCommentHead.MatchString(b.text) {
			c.cut = i
			return
		}
		if !reReplyHandle.MatchString(b.text) {
			continue
		}
		start := i
		for start > c.lead+1 && c.b[start-1].group == b.group && !c.html {
			start--
		}
		if !c.html {
			lead := c.b[c.lead]
			n := 0
			for _, x := range c.b {
				if x.group == lead.group {
					n++
				}
			}
			if n >= 3 && b.group > lead.group {
				for j := c.lead; j < i; j++ {
					if c.b[j].group > lead.group {
						start = j
						break
					}
				}
			}
		}
		c.cut = start
		return
	}
}

// tail names what follows the article's end.
func (c *cleaner) tail() {
	if c.cut >= len(c.b) {
		return
	}
	comments := c.b[c.cut].reason == reasonComments && (reReplyHandle.MatchString(c.b[c.cut].text) || reCommentHead.MatchString(c.b[c.cut].text))
	if !comments {
		for _, b := range c.b[c.cut:] {
			if reReplyHandle.MatchString(b.text) {
				comments = true
			}
		}
		if comments && c.b[c.cut].reason != "" && c.b[c.cut].reason != reasonComments {
			comments = false // a box ends the article; handles later are in it
		}
	}
	// Teasers: the lines between separators, when one of them is a
	// teaser's byline.
	seg := []*block{}
	flush := func() {
		teaser := false
		for _, b := range seg {
			if b.reason == reasonRelated || reByline.MatchString(b.text) && words(b.text) <= 16 {
				teaser = true
			}
		}
		for _, b := range seg {
			if teaser && (b.reason == "" || b.role != roleNone) {
				b.reason, b.role = reasonRelated, roleNone
			}
		}
		seg = seg[:0]
	}
	for _, b := range c.b[c.cut:] {
		if b.reason == reasonSeparator {
			flush()
			continue
		}
		seg = append(seg, b)
	}
	flush()
	outlet := c.opts.Outlet
	if outlet == "" {
		outlet = c.found.Outlet
	}
	for _, b := range c.b[c.cut:] {
		if b.reason != "" {
			continue
		}
		b.role = roleNone
		switch {
		case comments:
			b.reason = reasonComments
		case outlet != "" && strings.Contains(normWords(b.text), normWords(outlet)):
			b.reason = reasonAboutSite
		case isHeadline(b.text):
			b.reason = reasonRelated
		default:
			b.reason = reasonAfterEnd
		}
	}
}

// isSubheading reports whether the free block i, shaped as a headline,
// heads a section: it stands alone and an article paragraph follows.
func (c *cleaner) isSubheading(i int) bool {
	b := c.b[i]
	if words(b.text) > 12 || isCaption(b.text) || endsSentence(b.text) && !strings.HasSuffix(trimClosers(b.text), "?") {
		return false
	}
	if !c.html {
		for _, x := range c.b {
			if x != b && x.group == b.group {
				return false
			}
		}
	}
	for j := i + 1; j < len(c.b); j++ {
		if n := c.b[j]; n.free() {
			return isProse(n.text) || n.kind == kindPara && words(n.text) >= 8
		}
	}
	return false
}

// article assembles the Article from the blocks.
func (c *cleaner) article() (*Article, error) {
	a := &Article{}
	for i, b := range c.b {
		if i >= c.cut && b.reason == "" {
			b.reason = reasonAfterEnd
		}
		if b.reason != "" {
			n := Note{Line: b.line, Text: shorten(b.text), Reason: b.reason}
			if b.flagged {
				a.Flagged = append(a.Flagged, n)
			} else {
				a.Removed = append(a.Removed, n)
			}
			continue
		}
		if b.role != roleNone {
			continue
		}
		switch {
		case b.kind == kindCaption || b.kind == kindUnknown && isCaption(b.text):
			a.Body = append(a.Body, caption(b.text))
		case b.kind == kindHeading || b.kind == kindTitle:
			a.Body = append(a.Body, heading(b.text))
		case b.kind == kindUnknown && isHeadline(b.text) && c.isSubheading(i):
			a.Body = append(a.Body, heading(b.text))
		case b.kind == kindItem:
			a.Body = append(a.Body, "- "+escapeInline(b.text))
		case b.kind == kindQuote:
			a.Body = append(a.Body, "> "+escapeInline(b.text))
		default:
			a.Body = append(a.Body, paragraph(b.text))
		}
	}
	a.Title = first(c.title, stripSite(c.found.Title))
	a.Outlet = first(c.found.Outlet, c.outletHint)
	a.URL = c.found.URL
	a.Author = first(c.found.Author, c.author)
	a.Summary = c.summary
	if a.Summary == "" && c.found.Summary != "" && !c.leadStartsWith(c.found.Summary) {
		a.Summary = c.found.Summary
	}
	if p, ok := tomlDate(c.found.Published, false); ok {
		a.Published = p
	} else if c.published != "" {
		a.Published = c.published
	}
	if err := a.finish(c.opts); err != nil {
		return nil, err
	}
	return a, nil
}

// leadStartsWith reports whether the summary s only repeats the start of
// the lead paragraph (meta descriptions often do).
func (c *cleaner) leadStartsWith(s string) bool {
	if c.lead >= len(c.b) {
		return false
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".… ")
	return strings.HasPrefix(normWords(c.b[c.lead].text), strings.TrimRight(normWords(s), " "))
}

func first(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// shorten returns s cut to about 100 characters for a Note.
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= 100 {
		return s
	}
	return strings.TrimSpace(string(r[:97])) + "…"
}
