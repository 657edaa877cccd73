// Package card draws a site's share card: the 1200×630 PNG that a link
// to the site shows on social networks and chat apps (og:image). It shows
// the site's title, what the timeline holds and when, and a strip of the
// story's events over time, drawn with the Go fonts so that the image is
// the same on every machine.
package card

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/timeline-dev/timeline/generator/render/axis"
)

// Width and Height are the card's size in pixels: the 1.91:1 image that
// Open Graph and Twitter's large summary card show whole.
const (
	Width  = 1200
	Height = 630
)

// Card is what the card shows.
type Card struct {
	Title string   // the site's title, on up to three lines
	Lines []string // what the timeline holds, a line or two each
	// Axis is the story's time axis (package axis), drawn at the foot of
	// the card; laid out with Options.Width = AxisWidth.
	Axis *axis.Layout
}

// AxisWidth is the width to lay the axis out at: the card's, less its
// margins.
const AxisWidth = Width - 2*margin

var (
	bg     = color.RGBA{0xfb, 0xfa, 0xf7, 0xff}
	fg     = color.RGBA{0x1c, 0x1c, 0x1e, 0xff}
	muted  = color.RGBA{0x5a, 0x5a, 0x63, 0xff}
	line   = color.RGBA{0xd9, 0xd6, 0xcf, 0xff}
	accent = color.RGBA{0xa3, 0x32, 0x1c, 0xff}
	bar    = color.RGBA{0x8a, 0x88, 0x84, 0xff}
)

// faces are the fonts the card uses, parsed once. An opentype.Face is not
// safe for concurrent use (it keeps glyph buffers: two cards drawn at once,
// as serve can, corrupt them and panic in image/draw), so Draw holds mu
// while it measures and draws text.
type faces struct {
	mu                 sync.Mutex
	title, text, small font.Face
}

var loadFaces = sync.OnceValues(func() (*faces, error) {
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	var fs faces
	if fs.title, err = face(bold, 68); err != nil {
		return nil, err
	}
	if fs.text, err = face(regular, 34); err != nil {
		return nil, err
	}
	if fs.small, err = face(regular, 26); err != nil {
		return nil, err
	}
	return &fs, nil
})

const margin = 80

// Draw writes the card as a PNG.
func Draw(w io.Writer, c Card) error {
	fs, err := loadFaces()
	if err != nil {
		return err
	}
	img := drawCard(fs, c)
	return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, paletted(img))
}

// drawCard draws the card, holding the faces.
func drawCard(fs *faces, c Card) *image.RGBA {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	fill(img, image.Rect(0, 0, 16, Height), accent)

	y := margin + 60
	for _, l := range wrap(fs.title, c.Title, Width-2*margin, 3) {
		text(img, fs.title, fg, margin, y, l)
		y += 80
	}
	y += 10
	for _, l := range c.Lines {
		for _, wl := range wrap(fs.text, l, Width-2*margin, 2) {
			text(img, fs.text, muted, margin, y, wl)
			y += 46
		}
	}
	strip(img, fs, c.Axis, y)
	return img
}

// paletted returns img in a palette of its colours and 16 blends of each
// with the background (what anti-aliased text and dots are drawn with):
// PNG encodes it six times faster than img, and smaller, with no change
// the eye can see.
func paletted(img *image.RGBA) *image.Paletted {
	pal := color.Palette{bg}
	for _, c := range []color.RGBA{fg, muted, line, accent, bar} {
		for k := 1; k <= 16; k++ {
			pal = append(pal, mix(bg, c, float64(k)/16))
		}
	}
	out := image.NewPaletted(img.Bounds(), pal)
	index := map[uint32]uint8{}
	last, lastIndex := uint32(0), uint8(0) // most pixels are as the one before
	for j := range out.Pix {
		p := img.Pix[4*j : 4*j+4 : 4*j+4]
		key := uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2])
		if key != last || j == 0 {
			i, ok := index[key]
			if !ok {
				i = uint8(pal.Index(color.RGBA{p[0], p[1], p[2], 0xff}))
				index[key] = i
			}
			last, lastIndex = key, i
		}
		out.Pix[j] = lastIndex
	}
	return out
}

// mix is a blended with b in the proportion t of b.
func mix(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

// strip draws the axis with its top at y: the year ticks and labels, the
// marks in their lanes (a dot for a day, a bar for a longer time; key
// events in the accent colour) and the density band.
func strip(img *image.RGBA, fs *faces, l *axis.Layout, y int) {
	if l == nil || len(l.Segments) == 0 {
		return
	}
	const laneGap = 22.0 // pixels between lanes
	x := func(f float64) int { return margin + int(math.Round(f)) }
	base := y + 40
	for _, s := range l.Segments {
		fill(img, image.Rect(x(s.X0), base, x(s.X1), base+2), line)
	}
	for _, b := range l.Breaks {
		for _, dx := range []int{-4, 3} {
			fill(img, image.Rect(x(b)+dx, base-8, x(b)+dx+2, base+10), muted)
		}
	}
	// Years first, then months where there is room: no label overlaps
	// another or runs off the card.
	var taken [][2]int
	free := func(a, b int) bool {
		for _, t := range taken {
			if a < t[1]+14 && b+14 > t[0] {
				return false
			}
		}
		return b <= Width-margin/2
	}
	// The years' labels first, then the axis's first (its start, "Nov
	// 2010"), then the months'.
	order := make([]axis.Tick, 0, len(l.Ticks))
	for pass := range 3 {
		for i, t := range l.Ticks {
			if pass == 0 && t.Year && i > 0 || pass == 1 && i == 0 || pass == 2 && !t.Year && i > 0 {
				order = append(order, t)
			}
		}
	}
	{
		for _, t := range order {
			year := t.Year
			tick, c := 6, muted
			if !year {
				tick, c = 3, line
			}
			fill(img, image.Rect(x(t.X), base-tick, x(t.X)+2, base+tick+2), c)
			if t.Label == "" {
				continue
			}
			a := x(t.X) + 6
			if b := a + font.MeasureString(fs.small, t.Label).Ceil(); free(a, b) {
				text(img, fs.small, muted, a, base-12, t.Label)
				taken = append(taken, [2]int{a, b})
			}
		}
	}
	for _, key := range []bool{false, true} { // key events on top
		for _, m := range l.Marks {
			if m.Key != key {
				continue
			}
			c := bar
			if m.Key {
				c = accent
			}
			cy := base + 28 + int(float64(m.Lane)*laneGap)
			if m.W < 4 {
				dot(img, x(m.X+m.W/2), cy, 7, c)
			} else {
				fill(img, image.Rect(x(m.X), cy-5, x(m.X+m.W), cy+5), c)
			}
		}
	}
	if len(l.Bars) > 0 {
		top := 0
		for _, m := range l.Marks {
			top = max(top, m.Lane)
		}
		by := base + 28 + int(float64(top+1)*laneGap) + 16
		most := 1
		for _, b := range l.Bars {
			most = max(most, b.Count)
		}
		for _, b := range l.Bars {
			h := max(2, b.Count*24/most)
			fill(img, image.Rect(x(b.X), by-h, x(b.X+b.W)-1, by), line)
		}
	}
}

// dot fills a disc of radius r centred on (cx, cy).
func dot(img *image.RGBA, cx, cy, r int, c color.RGBA) {
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if dx*dx+dy*dy <= r*r {
				img.SetRGBA(cx+dx, cy+dy, c)
			}
		}
	}
}

func fill(img *image.RGBA, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

func text(img *image.RGBA, f font.Face, c color.Color, x, y int, s string) {
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// wrap breaks s into lines at most width pixels wide, at most max lines;
// the last line ends in an ellipsis when the text goes on.
func wrap(f font.Face, s string, width, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if font.MeasureString(f, try).Ceil() <= width || cur == "" {
			cur = try
			continue
		}
		lines = append(lines, cur)
		cur = w
		if len(lines) == maxLines {
			last := lines[maxLines-1]
			for font.MeasureString(f, last+"…").Ceil() > width && strings.Contains(last, " ") {
				last = last[:strings.LastIndexByte(last, ' ')]
			}
			lines[maxLines-1] = last + "…"
			return lines
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func measure(f font.Face, s string) int { return font.MeasureString(f, s).Ceil() }
