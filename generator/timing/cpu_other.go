//go:build !unix

package timing

import "time"

// ProcessCPU is the CPU time the process has used: unknown here (-1).
func ProcessCPU() time.Duration { return -1 }

// peakRSS is unknown here (0).
func peakRSS() uint64 { return 0 }
