package content

import (
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// IDFromPath returns the article id for a slash path such as
// content/2014/naharnet-talks.md: the path below content/ without the
// extension, slugged, folders joined by hyphens ("2014-naharnet-talks"). A
// file named index.md takes the name of its folder.
func IDFromPath(p string) string {
	p = strings.TrimPrefix(p, Dir+"/")
	p = strings.TrimSuffix(p, path.Ext(p))
	if path.Base(p) == "index" && path.Dir(p) != "." {
		p = path.Dir(p)
	}
	return Slug(strings.ReplaceAll(p, "/", " "))
}

// Slug turns text into a URL slug: lowercase ASCII letters and digits
// separated by single hyphens, accents removed ("Mekdad’s BBC interview"
// becomes "mekdads-bbc-interview"). It returns "" if nothing is left.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accents
		case r == '\'' || r == '’' || r == '‘':
			// apostrophes join: "Mekdad's" → "mekdads"
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

// ValidID reports whether id is a slug, as an event id must be: lowercase
// ASCII letters and digits in words joined by single hyphens.
func ValidID(id string) bool { return idRE.MatchString(id) }
