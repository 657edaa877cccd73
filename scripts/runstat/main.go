// Command runstat runs a command several times and prints, for each run
// and as medians, its wall time, CPU time (user + system), peak resident
// memory (of the largest process), the CPU time the hypervisor stole
// from this machine meanwhile (/proc/stat; on a shared virtual machine,
// runs with much steal are slow for reasons of their own) and the load
// average when it started (other work on the machine slows it too):
//
//	go run ./scripts/runstat -runs 5 -label "1,000 articles" -- timeline build --quiet
//
// -before runs a shell command before each run, untimed (e.g. removing the
// output of the last run). -articles N adds the rate, N divided by the
// wall time. -summary FILE appends a line of the medians to FILE, tab
// separated: label, runs, wall, min wall, CPU (seconds), peak RSS (MiB),
// articles/s, load average.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type run struct {
	wall, cpu, steal time.Duration
	rss              int64 // KiB
	load             float64
}

func main() {
	runs := flag.Int("runs", 3, "number of runs")
	label := flag.String("label", "", "label of the lines printed")
	before := flag.String("before", "", "shell command run before each run, untimed")
	dir := flag.String("dir", "", "working folder of the command")
	articles := flag.Int("articles", 0, "number of articles the command builds, for the rate")
	summary := flag.String("summary", "", "file to append a line of the medians to")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: runstat [-runs N] [-label L] [-before CMD] [-dir DIR] -- command [args...]")
		os.Exit(2)
	}
	var all []run
	for i := 0; i < *runs; i++ {
		if *before != "" {
			sh := exec.Command("sh", "-c", *before)
			sh.Dir, sh.Stdout, sh.Stderr = *dir, os.Stderr, os.Stderr
			if err := sh.Run(); err != nil {
				fatal("before: %v", err)
			}
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = *dir, os.Stderr, os.Stderr
		steal0, load := steal(), loadavg()
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fatal("%s: %v", strings.Join(args, " "), err)
		}
		r := run{wall: time.Since(start), steal: steal() - steal0, load: load}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			r.rss = ru.Maxrss
		}
		all = append(all, r)
		fmt.Printf("%s run %d: wall %.2f s, CPU %.2f s, peak RSS %d MiB%s, steal %.2f s, load %.2f\n", *label, i+1,
			r.wall.Seconds(), r.cpu.Seconds(), r.rss>>10, rate(*articles, r.wall.Seconds()), r.steal.Seconds(), r.load)
	}
	med := func(f func(run) float64) float64 {
		v := make([]float64, len(all))
		for i, r := range all {
			v[i] = f(r)
		}
		sort.Float64s(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	wall, cpu := med(func(r run) float64 { return r.wall.Seconds() }), med(func(r run) float64 { return r.cpu.Seconds() })
	rss, load := med(func(r run) float64 { return float64(r.rss >> 10) }), med(func(r run) float64 { return r.load })
	fmt.Printf("%s median of %d: wall %.2f s (min %.2f), CPU %.2f s, peak RSS %.0f MiB%s, load %.2f\n", *label, len(all),
		wall, minWall(all), cpu, rss, rate(*articles, wall), load)
	if *summary != "" {
		f, err := os.OpenFile(*summary, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			fatal("%v", err)
		}
		perSec := 0.0
		if *articles > 0 {
			perSec = float64(*articles) / wall
		}
		fmt.Fprintf(f, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.0f\t%.0f\t%.2f\n", *label, len(all), wall, minWall(all), cpu, rss, perSec, load)
		if err := f.Close(); err != nil {
			fatal("%v", err)
		}
	}
}

// rate formats n articles in wall seconds as a rate, or "" without n.
func rate(n int, wall float64) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(", %.0f articles/s", float64(n)/wall)
}

// loadavg returns the load average of the last minute.
func loadavg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	l, _ := strconv.ParseFloat(f[0], 64)
	return l
}

func minWall(all []run) float64 {
	m := all[0].wall
	for _, r := range all {
		m = min(m, r.wall)
	}
	return m.Seconds()
}

// steal returns the CPU time stolen from this machine so far.
func steal() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0
	}
	j, _ := strconv.ParseInt(f[8], 10, 64)
	return time.Duration(j) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

func fatal(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "runstat: "+format+"\n", args...)
	os.Exit(1)
}
