// Package parallel runs the independent steps of a pipeline stage on
// every core.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i from 0 to n-1, on GOMAXPROCS goroutines, and
// returns when all calls have returned. Once ctx is done no more calls
// start, and For returns ctx's error. f must be safe to call
// concurrently for different i; the usual f writes its result at index i.
//
// The goroutines take the indexes in order from a shared counter: no
// goroutine hands them out, so none waits for another between calls (an
// unbuffered channel made a handoff, and often a sleep of the scheduler,
// per index: one per page of a site).
func For(ctx context.Context, n int, f func(i int)) error {
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}
