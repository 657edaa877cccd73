package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// limitMemory sets the runtime's soft memory limit to memoryShare of the
// container's or the machine's memory, unless GOMEMLIMIT says otherwise
// or AUTOMEMLIMIT turns it off.
func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	unset := func(name string) {
		t.Setenv(name, "") // restored after the test
		os.Unsetenv(name)
	}
	unset("GOMEMLIMIT")
	unset("AUTOMEMLIMIT")
	memory, err := memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and neither the container's nor the machine's memory can be read: %v", err)
		}
		t.Skipf("neither the container's nor the machine's memory can be read here: %v", err)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory()
	if got, want := debug.SetMemoryLimit(-1), int64(float64(memory)*memoryShare); got != want {
		t.Errorf("limit %d; want %d (%.2f of %d)", got, want, memoryShare, memory)
	}

	// GOMEMLIMIT, which the runtime read when it started, stays.
	debug.SetMemoryLimit(123 << 20)
	t.Setenv("GOMEMLIMIT", "123MiB")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != 123<<20 {
		t.Errorf("with GOMEMLIMIT=123MiB: limit %d", got)
	}
	unset("GOMEMLIMIT")

	t.Setenv("AUTOMEMLIMIT", "off")
	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with AUTOMEMLIMIT=off: limit %d", got)
	}
}
