package importer

import (
	"regexp"
	"strings"
	"unicode"
)

// The reasons a block is taken out, as they appear in Note.Reason.
const (
	reasonNewsletter   = "newsletter box"
	reasonSubscription = "subscription box"
	reasonLogin        = "login prompt"
	reasonOffer        = "subscription offer"
	reasonShare        = "share buttons"
	reasonAlerts       = "alerts prompt"
	reasonRelated      = "related-article teaser"
	reasonNav          = "navigation"
	reasonComments     = "reader comments"
	reasonCookie       = "cookie notice"
	reasonAd           = "advertisement"
	reasonHeader       = "page header"
	reasonFooter       = "page footer"
	reasonSeparator    = "separator"
	reasonRepCaption   = "repeated caption"
	reasonRepByline    = "repeated byline"
	reasonRepTitle     = "repeated title"
	reasonRepeated     = "repeated line"
	reasonAfterEnd     = "after the article's end"
	reasonAboutSite    = "about the site"
	reasonLinks        = "link list"
	reasonOutside      = "outside the article"
	reasonEmpty        = "no text"
)

// phrases are furniture words and phrases, as data. A strong phrase marks
// a line of up to 30 words, a weak one a line of up to 8 words (see
// lineReason). Phrases match whole words, case and punctuation aside
// ("e-mail" matches "E-mail", "sign up" matches "Sign-up").
var phrases = []struct {
	reason string
	strong []string
	weak   []string
}{
	{reasonNewsletter, []string{"newsletter", "newsletters", "inbox", "sign up", "signup", "sign up for"}, nil},
	{reasonLogin, []string{"log in", "login", "signed up", "sign in", "create an account", "create a free account"}, []string{"register", "logout", "log out", "my account"}},
	{reasonSubscription, []string{"subscribe", "subscriber", "subscribers", "subscription", "subscribed", "unsubscribe"}, []string{"premium", "paywall"}},
	{reasonCookie, []string{"cookie", "cookies", "privacy policy"}, []string{"accept all", "consent", "manage preferences"}},
	{reasonShare, nil, []string{"share", "share this", "tweet", "e mail", "email", "print", "facebook", "twitter", "whatsapp", "linkedin", "copy link", "pinterest", "telegram", "reddit"}},
	{reasonAlerts, nil, []string{"click", "alert", "alerts", "follow", "follow us", "notifications", "download the app", "get the app"}},
	{reasonRelated, nil, []string{"related", "read more", "read also", "also read", "more from", "most read", "most popular", "recommended", "you may also like", "you might also like", "more stories", "top stories", "trending", "see also", "more on this"}},
	{reasonComments, nil, []string{"comments", "comment", "reply", "replies"}},
	{reasonAd, nil, []string{"advertisement", "sponsored", "sponsored content", "advertise"}},
	{reasonNav, nil, []string{"skip to", "skip to main content", "skip to content", "skip navigation", "select page", "back to top", "jump to", "toggle navigation", "main menu", "open menu", "close menu", "breadcrumb"}},
}

// navWords are navigation labels that mark a line only when they are the
// whole line ("Menu", "Search"), since they are common words.
var navWords = map[string]bool{"menu": true, "search": true, "home": true, "sections": true, "close": true, "navigation": true, "more": true, "next": true, "previous": true, "top": true}

// imperatives start furniture addressed to the reader ("Sign up to...").
var imperatives = map[string]bool{
	"sign": true, "subscribe": true, "get": true, "stay": true, "join": true, "register": true, "log": true,
	"create": true, "download": true, "follow": true, "click": true, "enter": true, "try": true, "start": true,
	"become": true, "already": true, "don't": true, "never": true, "support": true, "read": true, "share": true,
}

// readerWords address the reader or speak for the site.
var readerWords = map[string]bool{"you": true, "your": true, "yours": true, "our": true}

var (
	reLabelNumber = regexp.MustCompile(`^\p{L}[\p{L} ]{1,24}:\s*[A-Za-z]{0,3}[-\d]*\d[-\d]*$`)
	reReplyHandle = regexp.MustCompile(`^@\s?[\p{L}\p{N}_.\-]{2,30}$`)
	reTeaserBy    = regexp.MustCompile(`^By\s+\S.*\b(Published|Updated|Posted|Last updated)\b`)
	reByline      = regexp.MustCompile(`^(?i:by)\s+\p{Lu}`)
	reName        = regexp.MustCompile(`^\p{Lu}[\p{L}'’.\-]+( (\p{Lu}[\p{L}'’.\-]*|al|el|de|van|von|bin|ibn|da|di|le|la)){1,3}$`)
	reOffer       = regexp.MustCompile(`(?i)\b\d{1,2}\s?%\s*off\b|\bfree trial\b|\bspecial offer\b`)
	reCommentHead = regexp.MustCompile(`(?i)^(\d+\s+)?(reader\s+|readers'?\s+)?comments?(\s*\(\d+\))?:?$|^(leave|post|add|write|show|view|load|read)\s+(a\s+|all\s+|the\s+)?(\d+\s+)?(comment|comments|reply)\b|^join the (conversation|discussion|debate)|^comments are closed`)
	reCaptionIn   = regexp.MustCompile(`\b(Credit|Photo|Photograph|Picture|Image|Photo credit)s?:\s*\S`)
	reCaptionEnd  = regexp.MustCompile(`\(([^()]{2,60})\)$`)
	reAgency      = regexp.MustCompile(`\b(AFP|AP|Reuters|Getty|EPA|Anadolu|Xinhua|SANA|DPA|Photo|Photos|File|Courtesy|Images|Handout)\b|/`)
	reCreditGlue  = regexp.MustCompile(`([.!?])(Credit|Photo|Photograph|Picture|Image):`)
	reSpaces      = regexp.MustCompile(`[\s\p{Zs}]+`)
)

// normWords lowercases s and turns everything but letters, digits and %
// into single spaces, with a space at each end, for whole-word matching.
func normWords(s string) string {
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(s) {
		if r == '’' {
			r = '\''
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%' || r == '\'' {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

func hasPhrase(norm, phrase string) bool {
	return strings.Contains(norm, normWords(phrase))
}

// words counts the words of s.
func words(s string) int { return len(strings.Fields(s)) }

// trimClosers strips closing quotes and brackets from the end of s.
func trimClosers(s string) string {
	return strings.TrimRight(s, "\"'”’»)]* ")
}

// endsSentence reports whether s ends with sentence punctuation, maybe
// inside closing quotes.
func endsSentence(s string) bool {
	t := trimClosers(s)
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "…")
}

// isProse reports whether s reads as a paragraph of the article: eight
// words or more ending with sentence punctuation.
func isProse(s string) bool { return words(s) >= 8 && endsSentence(s) }

// isHeadline reports whether s has the shape of a headline or subheading:
// short, starting with a capital, not ending with a full stop.
func isHeadline(s string) bool {
	n := words(s)
	if n == 0 || n > 14 || len(s) > 110 {
		return false
	}
	r := []rune(s)[0]
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“‘'", r) {
		return false
	}
	t := trimClosers(s)
	return !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ",") && !strings.HasSuffix(t, ";")
}

// isCaption reports whether s has the shape of a photo caption: it
// carries a credit ("Credit: Reuters") or ends with one in brackets
// ("(Reuters/Yaser Al-Khodor)", "(AFP)").
func isCaption(s string) bool {
	if words(s) < 3 {
		return false
	}
	if reCaptionIn.MatchString(s) {
		return true
	}
	m := reCaptionEnd.FindStringSubmatch(s)
	return m != nil && reAgency.MatchString(m[1])
}

// isSeparator reports whether s has no letters or digits ("-", "* * *").
func isSeparator(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// lineReason returns why the block text s is furniture by its own shape
// and words, or "" when nothing marks it.
func lineReason(s string) string {
	switch {
	case isSeparator(s):
		return reasonSeparator
	case reReplyHandle.MatchString(s), reCommentHead.MatchString(s):
		return reasonComments
	case reLabelNumber.MatchString(s):
		return reasonNav
	case reTeaserBy.MatchString(s) && words(s) <= 16:
		return reasonRelated
	case reOffer.MatchString(s) && words(s) <= 12:
		return reasonOffer
	}
	norm := normWords(s)
	n := words(s)
	if navWords[strings.TrimSpace(norm)] {
		return reasonNav
	}
	fields := strings.Fields(norm)
	reader := false
	for _, w := range fields {
		if readerWords[w] {
			reader = true
		}
	}
	if len(fields) > 0 && imperatives[fields[0]] {
		reader = true
	}
	sentence := isProse(s)
	for _, p := range phrases {
		if n <= 30 && (!sentence || reader) {
			for _, ph := range p.strong {
				if hasPhrase(norm, ph) {
					return p.reason
				}
			}
		}
		if n <= 8 && !strings.HasSuffix(trimClosers(s), ".") {
			for _, ph := range p.weak {
				if hasPhrase(norm, ph) {
					return p.reason
				}
			}
		}
	}
	return ""
}

// classHints map words in an element's class, id or role to the furniture
// it holds, for HTML. A hint matches a class word that starts with it
// ("comments-list" matches "comment"); "ad" and "ads" only whole.
var classHints = []struct {
	hint, reason string
}{
	{"cookie", reasonCookie}, {"consent", reasonCookie}, {"gdpr", reasonCookie},
	{"newsletter", reasonNewsletter}, {"signup", reasonNewsletter}, {"sign-up", reasonNewsletter},
	{"subscribe", reasonSubscription}, {"subscription", reasonSubscription}, {"paywall", reasonSubscription},
	{"share", reasonShare}, {"social", reasonShare},
	{"related", reasonRelated}, {"recommend", reasonRelated}, {"more-stories", reasonRelated}, {"read-more", reasonRelated}, {"teaser", reasonRelated}, {"outbrain", reasonRelated}, {"taboola", reasonRelated},
	{"comment", reasonComments}, {"disqus", reasonComments}, {"discussion", reasonComments},
	{"advert", reasonAd}, {"sponsor", reasonAd}, {"promo", reasonAd},
	{"breadcrumb", reasonNav}, {"menu", reasonNav}, {"navbar", reasonNav}, {"navigation", reasonNav}, {"skip-link", reasonNav},
	{"sidebar", reasonRelated}, {"footer", reasonFooter}, {"masthead", reasonHeader},
	{"modal", reasonAd}, {"popup", reasonAd},
}

var wholeHints = map[string]string{"ad": reasonAd, "ads": reasonAd, "nav": reasonNav, "banner": reasonAd}

// hintReason returns the furniture a class/id/role value names, or "".
func hintReason(attr string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(attr), func(r rune) bool {
		return r == ' ' || r == '_' || r == '\t' || r == '\n'
	}) {
		for _, h := range classHints {
			if strings.HasPrefix(w, h.hint) || strings.Contains(w, "-"+h.hint) {
				return h.reason
			}
		}
		for _, part := range strings.Split(w, "-") {
			if r, ok := wholeHints[part]; ok {
				return r
			}
		}
	}
	return ""
}
