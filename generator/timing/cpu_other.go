//go:build !unix

package timing

import "time"

// processCPU is unknown here (-1).
func processCPU() time.Duration { return -1 }

// peakRSS is unknown here (0).
func peakRSS() uint64 { return 0 }
