package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// corpus measures on the test pages readability ships (real pages, with
// the article Readability.js extracts as expected.html): the paragraphs
// of expected.html (<p> of 12 words or more) that each extractor loses,
// and the paragraphs of 12 words or more it keeps that expected.html does
// not have. expected.html is readability's own answer, so this favours
// it; it shows where the importer's reader fails on pages it was not
// written for.
func corpus(dir string) {
	dirs, err := filepath.Glob(filepath.Join(dir, "*", "source.html"))
	check(err)
	type row struct {
		name             string
		want             int
		ownLost, ownKept int
		rdLost, rdKept   int
		err              string
	}
	var rows []row
	var tw, tol, tok, trl, trk, fails int
	for _, f := range dirs {
		d := filepath.Dir(f)
		src, err := os.ReadFile(f)
		check(err)
		exp, err := os.ReadFile(filepath.Join(d, "expected.html"))
		check(err)
		want := longParas(exp)
		if len(want) < 3 {
			continue
		}
		r := row{name: filepath.Base(d), want: len(want)}
		own, oerr := ownLong(src)
		if oerr != nil {
			r.err = oerr.Error()
			fails++
		}
		rd := filterLong(readabilityBlocks(src))
		l, k := score(want, nil, own)
		r.ownLost, r.ownKept = len(l), len(k)
		l, k = score(want, nil, rd)
		r.rdLost, r.rdKept = len(l), len(k)
		tw += r.want
		tol += r.ownLost
		tok += r.ownKept
		trl += r.rdLost
		trk += r.rdKept
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ownLost-rows[i].rdLost > rows[j].ownLost-rows[j].rdLost })
	fmt.Printf("\nreadability's test pages (%d with 3 paragraphs or more; %d paragraphs):\n", len(rows), tw)
	fmt.Printf("  own: lost %d, kept %d not in expected.html, failed on %d pages\n", tol, tok, fails)
	fmt.Printf("  readability: lost %d, kept %d not in expected.html\n", trl, trk)
	fmt.Printf("  pages where own loses most:\n")
	for _, r := range rows[:min(25, len(rows))] {
		fmt.Printf("    %-28s paragraphs %3d  own lost %3d kept %3d  readability lost %3d kept %3d %s\n", r.name, r.want, r.ownLost, r.ownKept, r.rdLost, r.rdKept, r.err)
	}
}

func longParas(src []byte) []string {
	doc, err := html.Parse(bytes.NewReader(src))
	check(err)
	var out []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.P {
			var b strings.Builder
			for t := range n.Descendants() {
				if t.Type == html.TextNode {
					b.WriteString(t.Data)
				}
			}
			if s := strings.Join(strings.Fields(b.String()), " "); len(strings.Fields(s)) >= 12 {
				out = append(out, s)
			}
		}
	}
	return out
}

func filterLong(bs []string) []string {
	var out []string
	for _, b := range bs {
		if len(strings.Fields(b)) >= 12 {
			out = append(out, b)
		}
	}
	return out
}

func ownLong(src []byte) (out []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	a, err := importerHTML(src)
	if err != nil {
		return nil, err
	}
	return filterLong(a), nil
}

// debugLost prints, for the page named by $LOST, the paragraphs the
// importer's reader loses.
func debugLost(dir string) {
	name := os.Getenv("LOST")
	if name == "" {
		return
	}
	src, err := os.ReadFile(filepath.Join(dir, name, "source.html"))
	check(err)
	exp, err := os.ReadFile(filepath.Join(dir, name, "expected.html"))
	check(err)
	own, err := ownLong(src)
	check(err)
	lost, _ := score(longParas(exp), nil, own)
	for _, l := range lost {
		fmt.Fprintf(os.Stderr, "lost: %.100s\n", l)
	}
}
