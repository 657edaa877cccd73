package render

import (
	"bytes"
	"fmt"
	"io"

	"github.com/timeline-dev/timeline/generator/render/axis"
	"github.com/timeline-dev/timeline/generator/render/card"
)

// ogImagePath is the site's share card (see package card), which pages
// name as og:image when the site's URL is known.
const ogImagePath = "og.png"

// ogImage draws the site's share card: its title, what the timeline holds
// and a strip of its events over the story's time, its recollections of
// history left out as on the time axis.
func (r *renderer) ogImage(w io.Writer) error {
	c := card.Card{Title: r.m.Site.Title}
	c.Lines = append(c.Lines, fmt.Sprintf("A timeline of %s from %s by %s, each quoting its sources.",
		plural(len(r.m.Events), "event", "events"), plural(len(r.m.Articles), "article", "articles"), plural(len(outlets(r.m.Articles)), "outlet", "outlets")))
	if len(r.m.Events) > 0 {
		l := axis.Lay(r.axisItems(r.m.Events), axis.Options{Width: card.AxisWidth, MaxLanes: 4})
		c.Axis = &l
	}
	var b bytes.Buffer
	if err := card.Draw(&b, c); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
