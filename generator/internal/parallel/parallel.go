// Package parallel runs the independent steps of a pipeline stage on
// every core.
package parallel

import (
	"context"
	"runtime"
	"sync"
)

// For calls f(i) for every i from 0 to n-1, on GOMAXPROCS goroutines, and
// returns when all calls have returned. Once ctx is done no more calls
// start, and For returns ctx's error. f must be safe to call
// concurrently for different i; the usual f writes its result at index i.
func For(ctx context.Context, n int, f func(i int)) error {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return ctx.Err()
}
