// Command checkparity compares `timeline check` with other link checkers on
// the same built site, to show that it misses nothing they find.
//
// It copies the site (-dir) to a temporary folder, puts known problems into
// some of its pages, one on a line of its own before </body>, then runs
// each checker on the copy and reads what it reports:
//
//   - broken page link:  <a href="/no-such-page-N/">
//   - broken fragment:   <a href="/#no-such-id-N">
//   - missing image:     <img src="/no-such-image-N.png" alt="…">
//   - image without alt: <img src="/style.css">
//   - empty link:        <a href="">
//
// The checkers are `timeline check` (-timeline), HTMLProofer (-htmlproofer,
// Debian's ruby-html-proofer) and linkinator (-linkinator, from npm); a
// checker whose path is empty is left out. Every finding is reduced to the
// page and the link it is about (the line too, for the checkers that give
// one), and the command prints, for each checker, how many of the planted
// problems it found and what else it reported, then every problem another
// checker found that timeline check did not. It exits 1 if there is one,
// or if timeline check missed a planted problem.
//
//	go run ./scripts/checkparity -dir public -timeline bin/timeline \
//	    -htmlproofer htmlproofer -linkinator /path/to/node_modules/.bin/linkinator
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// problem is one finding reduced to what checkers can agree on: the page
// (its path in the site, e.g. "articles/x/index.html"), the link as written
// in the page, and the line when the checker gives one.
type problem struct {
	page string
	href string
	line int // 0: not given
}

func (p problem) String() string {
	if p.line > 0 {
		return fmt.Sprintf("%s:%d: %q", p.page, p.line, p.href)
	}
	return fmt.Sprintf("%s: %q", p.page, p.href)
}

// target is the path the link leads to from its page, without query or
// fragment: linkinator reports links only so.
func (p problem) target() string {
	base, _ := url.Parse("/" + p.page)
	u, err := url.Parse(p.href)
	if err != nil {
		return p.href
	}
	r := base.ResolveReference(u)
	return r.Path
}

func main() {
	dir := flag.String("dir", "public", "the built site")
	every := flag.Int("every", 0, "put a problem into every Nth page (0: so that there are about -faults)")
	faults := flag.Int("faults", 50, "about how many problems to plant")
	timeline := flag.String("timeline", "bin/timeline", "the timeline command")
	proofer := flag.String("htmlproofer", "", "the htmlproofer command (Debian's ruby-html-proofer)")
	linkinator := flag.String("linkinator", "", "the linkinator command (npm)")
	keep := flag.Bool("keep", false, "keep the copy of the site")
	verbose := flag.Bool("v", false, "print every finding of every checker")
	flag.Parse()

	work, err := os.MkdirTemp("", "checkparity-")
	if err != nil {
		fail(err)
	}
	if !*keep {
		defer os.RemoveAll(work)
	}
	site := filepath.Join(work, "public")
	if err := exec.Command("cp", "-a", *dir, site).Run(); err != nil {
		fail(fmt.Errorf("copying %s: %v", *dir, err))
	}
	planted, pages, err := plant(site, *every, *faults)
	if err != nil {
		fail(err)
	}
	fmt.Printf("site: %s (%d pages), %d problems planted in a copy at %s\n", *dir, pages, len(planted), site)

	type result struct {
		name  string
		found []problem
		took  time.Duration
	}
	var results []result
	run := func(name, cmd string, read func(string) ([]problem, time.Duration, error)) {
		if cmd == "" {
			fmt.Printf("%-13s not run (no command given)\n", name)
			return
		}
		found, took, err := read(cmd)
		if err != nil {
			fail(fmt.Errorf("%s: %v", name, err))
		}
		results = append(results, result{name, dedupe(found), took})
	}
	run("timeline", *timeline, func(cmd string) ([]problem, time.Duration, error) { return runTimeline(cmd, site) })
	run("htmlproofer", *proofer, func(cmd string) ([]problem, time.Duration, error) { return runProofer(cmd, site) })
	run("linkinator", *linkinator, func(cmd string) ([]problem, time.Duration, error) { return runLinkinator(cmd, site) })
	if len(results) == 0 || results[0].name != "timeline" {
		fail(fmt.Errorf("timeline check must run"))
	}

	ours := results[0].found
	missed := false
	for _, r := range results {
		var extra []problem
		for _, p := range r.found {
			if !matchAny(p, planted) {
				extra = append(extra, p)
			}
		}
		plantedFound := 0
		for _, p := range planted {
			if matchAny(p, r.found) {
				plantedFound++
			}
		}
		fmt.Printf("%-13s %6.1f s: %d findings, %d of the %d planted problems found, %d other findings\n",
			r.name, r.took.Seconds(), len(r.found), plantedFound, len(planted), len(extra))
		if *verbose {
			for _, p := range r.found {
				fmt.Printf("              found: %s\n", p)
			}
		}
		for i, p := range extra {
			if i == 10 {
				fmt.Printf("              … and %d more\n", len(extra)-10)
				break
			}
			fmt.Printf("              other: %s\n", p)
		}
		if r.name == "timeline" && plantedFound < len(planted) {
			missed = true
			for _, p := range planted {
				if !matchAny(p, r.found) {
					fmt.Printf("              MISSED (planted): %s\n", p)
				}
			}
		}
		if r.name != "timeline" {
			for _, p := range r.found {
				if !matchAny(p, ours) {
					missed = true
					fmt.Printf("              MISSED by timeline check, found by %s: %s\n", r.name, p)
				}
			}
		}
	}
	if missed {
		os.Exit(1)
	}
	fmt.Println("timeline check found every planted problem and everything the other checkers found")
}

// dedupe drops repeated findings: HTMLProofer 3 prints a broken fragment
// once for every page it has checked the target of, for one.
func dedupe(list []problem) []problem {
	seen := map[problem]bool{}
	out := list[:0]
	for _, p := range list {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// matchAny reports whether p is one of list: the same page and either the
// same line (when both have one) or the same link or the same target.
func matchAny(p problem, list []problem) bool {
	for _, q := range list {
		if p.page != q.page {
			continue
		}
		if p.line > 0 && q.line > 0 {
			if p.line == q.line {
				return true
			}
			continue
		}
		if p.href == q.href || p.target() == q.target() {
			return true
		}
	}
	return false
}

// plant puts a problem on a line of its own before </body> in every Nth
// page, cycling through the kinds, and returns them.
func plant(site string, every, want int) ([]problem, int, error) {
	var pages []string
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	sort.Strings(pages)
	if every <= 0 {
		every = max(1, len(pages)/max(1, want))
	}
	var planted []problem
	for i := 0; i < len(pages); i += every {
		k := len(planted)
		var href, elem string
		switch k % 5 {
		case 0:
			href = fmt.Sprintf("/no-such-page-%d/", k)
			elem = fmt.Sprintf(`<a href="%s">planted %d</a>`, href, k)
		case 1:
			href = fmt.Sprintf("/#no-such-id-%d", k)
			elem = fmt.Sprintf(`<a href="%s">planted %d</a>`, href, k)
		case 2:
			href = fmt.Sprintf("/no-such-image-%d.png", k)
			elem = fmt.Sprintf(`<img src="%s" alt="planted %d">`, href, k)
		case 3:
			href = "/style.css"
			elem = `<img src="/style.css">`
		case 4:
			href = ""
			elem = fmt.Sprintf(`<a href="">planted %d</a>`, k)
		}
		data, err := os.ReadFile(pages[i])
		if err != nil {
			return nil, 0, err
		}
		at := bytes.LastIndex(data, []byte("</body>"))
		if at < 0 {
			continue
		}
		line := bytes.Count(data[:at], []byte("\n")) + 1
		if at > 0 && data[at-1] != '\n' {
			line++ // the element goes on a new line
			elem = "\n" + elem
		}
		out := append(append(append([]byte{}, data[:at]...), elem+"\n"...), data[at:]...)
		// cp -a made a copy, not links, so writing it leaves -dir alone.
		if err := os.WriteFile(pages[i], out, 0o644); err != nil {
			return nil, 0, err
		}
		rel, _ := filepath.Rel(site, pages[i])
		planted = append(planted, problem{page: filepath.ToSlash(rel), href: href, line: line})
	}
	return planted, len(pages), nil
}

var quoted = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

// runTimeline runs timeline check --format json and keeps the findings
// about HTML pages (the others, in feeds and exports, no other checker
// reads).
func runTimeline(cmd, site string) ([]problem, time.Duration, error) {
	start := time.Now()
	out, err := exec.Command(cmd, "check", "--format", "json", site).Output()
	took := time.Since(start)
	if err != nil && len(out) == 0 {
		return nil, took, err
	}
	var rep struct {
		Findings []struct {
			File, Message, Severity string
			Line                    int
		}
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		return nil, took, err
	}
	var found []problem
	for _, f := range rep.Findings {
		if !strings.HasSuffix(f.File, ".html") {
			continue
		}
		href := ""
		if m := quoted.FindStringSubmatch(f.Message); m != nil {
			href, _ = strconv.Unquote(`"` + m[1] + `"`)
		}
		found = append(found, problem{page: f.File, href: href, line: f.Line})
	}
	return found, took, nil
}

// runProofer runs HTMLProofer 3 (internal checks) and reads its text
// report: a line "- ./path/page.html" per page, then a line per failure,
// "  *  message (line N)", sometimes followed by the element.
func runProofer(cmd, site string) ([]problem, time.Duration, error) {
	start := time.Now()
	c := exec.Command(cmd, site, "--disable-external")
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	err := c.Run()
	took := time.Since(start)
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		return nil, took, err
	}
	var found []problem
	page := ""
	lineRe := regexp.MustCompile(`\(line (\d+)\)\s*$`)
	hrefRe := regexp.MustCompile(`^\s+<(?:a|img|link|script)\b[^>]*?\b(?:href|src)="([^"]*)"`)
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		t := sc.Text()
		switch {
		case strings.HasPrefix(t, "- "):
			p := strings.TrimPrefix(t, "- ")
			rel, err := filepath.Rel(site, p)
			if err != nil {
				rel = p
			}
			page = filepath.ToSlash(rel)
		case strings.HasPrefix(strings.TrimSpace(t), "* ") && page != "":
			msg := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "*"))
			p := problem{page: page}
			if m := lineRe.FindStringSubmatch(msg); m != nil {
				p.line, _ = strconv.Atoi(m[1])
			}
			for _, prefix := range []string{"internally linking to ", "internal image ", "image "} {
				if rest, ok := strings.CutPrefix(msg, prefix); ok {
					p.href, _, _ = strings.Cut(rest, " ")
					p.href = strings.TrimSuffix(p.href, ",")
				}
			}
			found = append(found, p)
		case page != "" && len(found) > 0 && found[len(found)-1].page == page:
			if m := hrefRe.FindStringSubmatch(t); m != nil {
				found[len(found)-1].href = m[1]
			}
		}
	}
	return found, took, sc.Err()
}

// runLinkinator runs linkinator 6 over the site (it serves the folder on a
// local port and crawls it) and reads its CSV report: a row per link, with
// the link's URL, its status, its state and the page it is on.
func runLinkinator(cmd, site string) ([]problem, time.Duration, error) {
	start := time.Now()
	// Links to other sites are skipped: this compares internal checks.
	c := exec.Command(cmd, site, "--recurse", "--format", "csv", "--concurrency", "20", "--skip", `^(?!https?://(localhost|127\.0\.0\.1)[:/])`)
	var out, errOut bytes.Buffer
	c.Stdout, c.Stderr = &out, &errOut
	err := c.Run()
	took := time.Since(start)
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		return nil, took, err
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		return nil, took, fmt.Errorf("reading its CSV: %v (stderr: %s)", err, errOut.String())
	}
	// URLs are written relative to the folder's parent, or absolute on
	// the local server: keep the path within the site.
	sitePath := func(u string) string {
		if parsed, err := url.Parse(u); err == nil && parsed.Host != "" {
			u = parsed.Path
		}
		u = "/" + strings.TrimPrefix(u, "/")
		// linkinator serves the folder's parent or the root of the
		// file system, depending on its version.
		for _, prefix := range []string{filepath.ToSlash(site), "/" + filepath.Base(site)} {
			if rest, ok := strings.CutPrefix(u, prefix); ok && (rest == "" || rest[0] == '/') {
				return "/" + strings.TrimPrefix(rest, "/")
			}
		}
		return u
	}
	var found []problem
	for i, r := range rows {
		if i == 0 || len(r) < 4 || r[2] != "BROKEN" {
			continue
		}
		parent := sitePath(r[3])
		page := strings.TrimPrefix(parent, "/")
		if page == "" || strings.HasSuffix(page, "/") {
			page += "index.html"
		}
		found = append(found, problem{page: path.Clean(page), href: sitePath(r[0])})
	}
	return found, took, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "checkparity:", err)
	os.Exit(2)
}
