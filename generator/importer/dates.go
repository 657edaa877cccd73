package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	reISODate  = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	reMonthDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	reMonthMDY = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
)

var months = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// findDate returns the first calendar date written in s ("January 15,
// 2014", "15 Jan 2014", "2014-01-15") as 2014-01-15, or "".
func findDate(s string) string {
	type cand struct {
		at      int
		y, m, d int
	}
	var cs []cand
	if m := reISODate.FindStringSubmatchIndex(s); m != nil {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		cs = append(cs, cand{m[0], y, mo, d})
	}
	if m := reMonthDMY.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		cs = append(cs, cand{m[0], y, int(months[strings.ToLower(s[m[4]:m[5]])]), d})
	}
	if m := reMonthMDY.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		cs = append(cs, cand{m[0], y, int(months[strings.ToLower(s[m[2]:m[3]])]), d})
	}
	best := -1
	for i, c := range cs {
		if best < 0 || c.at < cs[best].at {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	c := cs[best]
	t := time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC)
	if c.m < 1 || c.m > 12 || t.Day() != c.d || c.y < 1900 || c.y > 2200 {
		return ""
	}
	return t.Format("2006-01-02")
}

// metaDate returns the date of a machine-readable time (an RFC 3339 or
// ISO 8601 value, as in article:published_time or datetime="..."), as
// written in its own offset, or "".
func metaDate(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 10 {
		if d, ok := tomlDate(v[:10], false); ok && (len(v) == 10 || v[10] == 'T' || v[10] == ' ') {
			return d
		}
	}
	return findDate(v)
}
