package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/serve"
)

func serveCommand() *command {
	return &command{
		name:    "serve",
		args:    "[--source DIR] [--bind ADDR] [--port N] [--open] [--drafts] [--poll DURATION] [--no-cache]",
		summary: "preview the site, rebuilt and reloaded on every change",
		doc: `Serve builds the site and serves it for preview at http://127.0.0.1:1313/,
from memory: it never writes the output folder. (It keeps the mentions of
each article in .timeline-cache/, as build does, so that it starts
quickly on a large site; --no-cache neither reads nor writes them.) It
watches content/,
templates/, static/ and config.toml (folders created later too), rebuilds
what an edit changed, and tells every open browser tab: a page that changed
reloads, a stylesheet change is swapped in without a reload. Editors' atomic
saves, backup and swap files and bursts of saves are handled: a burst is
one rebuild.

Pages get a small live-reload script, injected when served; a build's
output never contains it. When a rebuild fails (a broken front matter,
template or _events.toml), its errors go to the terminal and show over the
page in the browser, with file:line:column; the last good site stays
served until the fix, which clears them.

The server binds the loopback address only, unless --bind says otherwise
(it then warns: drafts and unpublished work become visible on the
network). --port 0 picks a free port; the URL is printed. When the
system's limit on inotify watches is reached, serve says how to raise it
and polls instead; --poll forces polling (for network file systems).

Ctrl-C stops the server: requests in flight finish, the watches are
closed, and the exit status is 0.

Examples:

	timeline serve --open
	timeline serve --drafts --port 0
	timeline serve --source my-story --poll 1s`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			source := fs.String("source", ".", "the site `folder`: config.toml, content/, templates/, static/")
			bind := fs.String("bind", "127.0.0.1", "the `address` to listen on")
			port := fs.Int("port", 1313, "the `port` to listen on; 0 picks a free one")
			open := fs.Bool("open", false, "open the site in the default browser")
			drafts := fs.Bool("drafts", false, "include articles marked draft = true")
			poll := fs.Duration("poll", 0, "poll the sources at this `interval` instead of watching them with inotify")
			noCache := fs.Bool("no-cache", false, "neither read nor write .timeline-cache/, the mentions of each article kept between builds")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if *port < 0 || *port > 65535 {
					return usagef("--port %d: a port is a number from 0 to 65535", *port)
				}
				if *poll < 0 {
					return usagef("--poll %v: the interval must be positive", *poll)
				}
				// Serve runs until interrupted: it handles the signal
				// itself, to shut down cleanly whoever calls it.
				ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
				defer stop()
				return runServe(ctx, e, serveFlags{
					opts: build.Options{Source: *source, Drafts: *drafts, NoCache: *noCache, Theme: timeline.Theme},
					bind: *bind, port: *port, open: *open, poll: *poll,
				})
			}
		},
	}
}

type serveFlags struct {
	opts build.Options
	bind string
	port int
	open bool
	poll time.Duration
}

func runServe(ctx context.Context, e env, f serveFlags) error {
	addr := net.JoinHostPort(f.bind, strconv.Itoa(f.port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("timeline serve: port %d on %s is in use (another timeline serve or hugo server?): stop it, or choose another port with --port (--port 0 picks a free one)", f.port, f.bind)
		}
		return fmt.Errorf("timeline serve: cannot listen on %s: %v", addr, err)
	}
	if !loopback(f.bind) {
		fmt.Fprintf(e.stderr, "warning: --bind %s serves the preview to other machines on the network, drafts and unpublished work included; use --bind 127.0.0.1 to keep it on this machine\n", f.bind)
	}
	site := siteURL(f, ln.Addr())
	fmt.Fprintf(e.stdout, "Serving %s at %s (press Ctrl-C to stop)\n", f.opts.Source, site)
	srv, err := serve.New(serve.Options{Build: f.opts, Listener: ln, Stdout: e.stdout, Stderr: e.stderr, Poll: f.poll})
	if err != nil {
		ln.Close()
		return err
	}
	if f.open {
		openBrowser(e, site)
	}
	if err := srv.Run(ctx); err != nil {
		return fmt.Errorf("timeline serve: %v", err)
	}
	fmt.Fprintln(e.stdout, "Stopped.")
	return nil
}

// loopback reports whether a bind address keeps the server on this
// machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// siteURL is the URL to print: the site's base path on the address
// listened on (localhost for all addresses).
func siteURL(f serveFlags, addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	base := "/"
	if cfg, err := build.Load(f.opts); err == nil {
		base = basePathOf(cfg.BaseURL)
	}
	return "http://" + net.JoinHostPort(host, port) + base
}

// basePathOf is the path of a base URL: "/" or "/sub/".
func basePathOf(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// openBrowser opens url in the default browser, without waiting.
func openBrowser(e env, url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(e.stderr, "--open: cannot open a browser: %v; open %s yourself\n", err, url)
		return
	}
	go cmd.Wait()
}
