package mentions

import (
	"strings"

	"github.com/timeline-dev/timeline/generator/entities"
)

// outletKeys returns the entity keys that name an article's own outlet:
// the keys entities gives its name ("The Guardian": "the guardian").
func outletKeys(outlet string) []string {
	var keys []string
	for _, e := range entities.Find(outlet) {
		if e.Kind == entities.Organization || e.Kind == entities.Other {
			keys = append(keys, e.Key)
		}
	}
	if len(keys) == 0 && outlet != "" {
		keys = append(keys, strings.ToLower(strings.TrimPrefix(outlet, "The ")))
	}
	return keys
}

// ownOutlet reports an entity that names the article's own outlet, or
// one of its services ("BBC World Service" in a BBC article).
func ownOutlet(e entities.Entity, keys []string) bool {
	if e.Kind != entities.Organization && e.Kind != entities.Other {
		return false
	}
	for _, k := range keys {
		if e.Key == k || strings.HasPrefix(e.Key, k+" ") || "the "+e.Key == k || e.Key == "the "+k {
			return true
		}
	}
	return false
}

// staffNouns follow an outlet's name in its bylines and credits: "CNN
// correspondent Arwa Damon", "a BBC reporter".
var staffNouns = wordSet(`correspondent correspondents reporter reporters producer producers anchor anchors
affiliate affiliates analyst analysts contributor contributors commentator commentators editor editors
staff wire ireport ireporter ireporters team`)

// dropOwnOutlet removes the article's own outlet from a sentence's
// entities: it is the source of what the article reports, not a
// participant ("Gadhafi told CNN", "CNN's Ben Wedeman", "Tripoli (CNN)"),
// and as an entity it would relate every event of the outlet. It stays
// when the sentence tells what happened to the outlet, with no report in
// it ("soldiers detained a CNN crew").
func dropOwnOutlet(text string, es []entities.Entity, keys []string, reporting bool) []entities.Entity {
	var out []entities.Entity
	for i, e := range es {
		if !ownOutlet(e, keys) || !reporting && !outletFurniture(text, e) {
			if out != nil {
				out = append(out, e)
			}
			continue
		}
		if out == nil {
			out = append(make([]entities.Entity, 0, len(es)-1), es[:i]...)
		}
	}
	if out == nil {
		return es
	}
	return out
}

// outletFurniture reports an outlet's name written as a byline, credit or
// dateline: "CNN's Ben Wedeman", "CNN correspondent", "(CNN)".
func outletFurniture(text string, e entities.Entity) bool {
	after := text[e.End:]
	if strings.HasPrefix(after, "'s") || strings.HasPrefix(after, "’s") || strings.HasPrefix(after, ")") {
		return true
	}
	words := rawWords(after)
	return len(words) > 0 && staffNouns[strings.ToLower(words[0])]
}
