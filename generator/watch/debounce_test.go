package watch

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// TestDebounce drives the batching with a fake clock: every event restarts
// the wait, so a burst is one batch however long it lasts, and a batch is
// sent only after a quiet period.
func TestDebounce(t *testing.T) {
	const quiet = 100 * time.Millisecond
	type ev struct {
		after time.Duration // since the previous event
		path  string
	}
	burst := func(n int, gap time.Duration) []ev {
		var out []ev
		for i := 0; i < n; i++ {
			out = append(out, ev{gap, fmt.Sprintf("content/a%d.md", i%3)})
		}
		return out
	}
	tests := []struct {
		name   string
		events []ev
		want   [][]string
	}{
		{"one event", []ev{{0, "content/a.md"}}, [][]string{{"content/a.md"}}},
		{"the same file saved 100 times", burst(100, 0), [][]string{{"content/a0.md", "content/a1.md", "content/a2.md"}}},
		{"a burst longer than the wait, each gap shorter", burst(100, quiet-time.Millisecond), [][]string{{"content/a0.md", "content/a1.md", "content/a2.md"}}},
		{"two bursts apart", []ev{{0, "content/b.md"}, {10 * time.Millisecond, "content/a.md"}, {quiet + time.Millisecond, "templates/base.html"}},
			[][]string{{"content/a.md", "content/b.md"}, {"templates/base.html"}}},
		{"a gap just longer than the wait ends a batch", []ev{{0, "content/a.md"}, {quiet + time.Nanosecond, "content/b.md"}},
			[][]string{{"content/a.md"}, {"content/b.md"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				in := make(chan string)
				out := make(chan []string)
				go debounce(ctx, in, quiet, out)
				var mu sync.Mutex
				var got [][]string
				count := func() int {
					mu.Lock()
					defer mu.Unlock()
					return len(got)
				}
				collected := make(chan struct{})
				go func() {
					defer close(collected)
					for {
						select {
						case b := <-out:
							mu.Lock()
							got = append(got, b)
							mu.Unlock()
						case <-ctx.Done():
							return
						}
					}
				}()
				start := time.Now()
				var last time.Time
				for _, e := range tt.events {
					time.Sleep(e.after)
					in <- e.path
					last = time.Now()
				}
				// Just before the wait is over, the last batch is not out.
				time.Sleep(quiet - time.Nanosecond)
				synctest.Wait()
				if n := count(); n != len(tt.want)-1 {
					t.Errorf("%d batches %v before the wait after the last event was over, want %d", n, time.Since(start), len(tt.want)-1)
				}
				time.Sleep(time.Nanosecond)
				synctest.Wait()
				if time.Since(last) != quiet {
					t.Fatalf("fake clock: %v since the last event", time.Since(last))
				}
				cancel()
				<-collected
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("batches %q, want %q", got, tt.want)
				}
			})
		})
	}
}

// TestDebounceBusyConsumer: while the consumer is busy (a rebuild), the
// batch keeps growing, and a change restarts the wait, so the consumer
// never gets a batch in the middle of a burst.
func TestDebounceBusyConsumer(t *testing.T) {
	const quiet = 50 * time.Millisecond
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		in := make(chan string)
		out := make(chan []string)
		go debounce(ctx, in, quiet, out)
		in <- "content/a.md"
		time.Sleep(2 * quiet) // the batch is ready; nobody takes it
		in <- "content/b.md"  // restarts the wait
		time.Sleep(quiet / 2)
		synctest.Wait()
		select {
		case b := <-out:
			t.Fatalf("batch %q taken before the wait after the last change was over", b)
		default:
		}
		time.Sleep(quiet / 2)
		synctest.Wait()
		select {
		case b := <-out:
			if want := []string{"content/a.md", "content/b.md"}; !reflect.DeepEqual(b, want) {
				t.Errorf("batch %q, want %q", b, want)
			}
		default:
			t.Fatal("no batch after the wait")
		}
	})
}
