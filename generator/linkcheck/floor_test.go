package linkcheck

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/net/html"
)

// BenchmarkFloor measures, on the built site -linkcheck.dir names, the
// work no check of it can skip, each part alone:
//
//   - list: listing every folder (as Check does, 2×GOMAXPROCS goroutines);
//   - read-N: opening and reading every HTML page on N goroutines;
//   - tokenize-N: golang.org/x/net/html's tokenizer over every page,
//     already in memory, on N goroutines, nothing done with the tokens
//     (tokenize-attrs: asking for every tag's name and attributes too);
//   - read-tokenize-N: both, as a check does them: every page opened and
//     tokenized as it is read, on N goroutines, nothing done with the
//     tokens;
//   - xml: encoding/xml's tokens of feed.xml and sitemap.xml, which must
//     be read whole to know they are well-formed;
//   - json: decoding events.json and timeline.json into the structures
//     the check reads.
//
// On C cores, Check cannot take less than about list + read-tokenize-C +
// (xml + json) / C. Compare with BenchmarkCheck.
func BenchmarkFloor(b *testing.B) {
	if *benchDir == "" {
		b.Skip("needs -linkcheck.dir")
	}
	dir := *benchDir
	procs := runtime.GOMAXPROCS(0)
	list := func() *tree {
		t, err := walk(context.Background(), dir, 2*procs)
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	var pages []string
	for _, p := range list().paths {
		if isPage(p) {
			pages = append(pages, p)
		}
	}
	c := &checker{dir: dir}
	// each runs f(worker, page index) for every page on n goroutines.
	each := func(n int, f func(w, i int)) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < n; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= len(pages) {
						return
					}
					f(w, i)
				}
			}()
		}
		wg.Wait()
	}
	bufs := make([][]byte, 4*procs)
	read := func(w, i int) []byte {
		f, err := openFile(c.osPath(pages[i]))
		if err != nil {
			b.Fatal(err)
		}
		data, err := readAll(f, bufs[w][:0], 0)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		bufs[w] = data
		return data
	}
	var size atomic.Int64
	each(1, func(w, i int) { size.Add(int64(len(read(w, i)))) })
	b.Logf("%s: %d pages, %.1f MB of HTML", dir, len(pages), float64(size.Load())/1e6)

	b.Run("list", func(b *testing.B) {
		for b.Loop() {
			list()
		}
	})
	for _, n := range []int{1, procs, 2 * procs} {
		b.Run(fmt.Sprintf("read-%d", n), func(b *testing.B) {
			b.SetBytes(size.Load())
			for b.Loop() {
				each(n, func(w, i int) { read(w, i) })
			}
		})
	}

	all := make([][]byte, len(pages))
	each(2*procs, func(w, i int) { all[i] = bytes.Clone(read(w, i)) })
	tokenize := func(b *testing.B, n int, attrs bool) {
		b.SetBytes(size.Load())
		for b.Loop() {
			each(n, func(_, i int) {
				z := html.NewTokenizer(bytes.NewReader(all[i]))
				for {
					tt := z.Next()
					if tt == html.ErrorToken {
						if z.Err() != io.EOF {
							b.Error(z.Err())
						}
						return
					}
					if attrs && (tt == html.StartTagToken || tt == html.SelfClosingTagToken) {
						_, more := z.TagName()
						for more {
							_, _, more = z.TagAttr()
						}
					}
				}
			})
		}
	}
	b.Run(fmt.Sprintf("read-tokenize-%d", procs), func(b *testing.B) {
		b.SetBytes(size.Load())
		brs := make([]*bufio.Reader, procs)
		for w := range brs {
			brs[w] = bufio.NewReaderSize(nil, 64<<10)
		}
		for b.Loop() {
			each(procs, func(w, i int) {
				f, err := openRegular(c.osPath(pages[i]))
				if err != nil {
					b.Fatal(err)
				}
				defer f.Close()
				brs[w].Reset(f)
				z := html.NewTokenizer(brs[w])
				for z.Next() != html.ErrorToken {
				}
				if z.Err() != io.EOF {
					b.Error(z.Err())
				}
			})
		}
	})
	b.Run("tokenize-1", func(b *testing.B) { tokenize(b, 1, false) })
	b.Run(fmt.Sprintf("tokenize-%d", procs), func(b *testing.B) { tokenize(b, procs, false) })
	b.Run(fmt.Sprintf("tokenize-attrs-%d", procs), func(b *testing.B) { tokenize(b, procs, true) })
	all = nil

	load := func(name string) []byte {
		data, err := os.ReadFile(c.osPath(name))
		if err != nil {
			b.Skip(err)
		}
		return data
	}
	b.Run("xml", func(b *testing.B) {
		docs := [][]byte{load("feed.xml"), load("sitemap.xml")}
		b.SetBytes(int64(len(docs[0]) + len(docs[1])))
		for b.Loop() {
			for _, doc := range docs {
				d := xml.NewDecoder(bytes.NewReader(doc))
				d.Strict = true
				for {
					if _, err := d.Token(); err != nil {
						if err != io.EOF {
							b.Fatal(err)
						}
						break
					}
				}
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		events, tjs := load("events.json"), load("timeline.json")
		b.SetBytes(int64(len(events) + len(tjs)))
		for b.Loop() {
			var m model
			var d tjsData
			if err := json.Unmarshal(events, &m); err != nil {
				b.Fatal(err)
			}
			if err := json.Unmarshal(tjs, &d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
