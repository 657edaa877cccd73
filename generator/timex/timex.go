// Package timex models TIMEX3 values as defined by the TimeML 1.2.1
// guidelines: the type of a temporal expression (DATE, TIME, DURATION, SET),
// its normalized value ("2013-11", "2014-W04", "P3Y", "PRESENT_REF"), and its
// modifier (START, MID, END, APPROX, ...).
//
// A Value parses and prints the TIMEX3 string form, reports its granularity,
// converts to the inclusive interval of days it covers, and gives a label a
// reader understands ("mid-2013", "November 2013", "Tue 14 Jan 2014").
// Every stage of the generator shares these types: the temporal tagger
// produces them, content front matter declares them, events sort by them and
// the templates print their labels.
package timex

import (
	"fmt"
	"strings"
)

// Type is the TIMEX3 type attribute.
type Type string

// The four TIMEX3 types.
const (
	TypeDate     Type = "DATE"
	TypeTime     Type = "TIME"
	TypeDuration Type = "DURATION"
	TypeSet      Type = "SET"
)

// ParseType parses a TIMEX3 type name.
func ParseType(s string) (Type, error) {
	switch t := Type(s); t {
	case TypeDate, TypeTime, TypeDuration, TypeSet:
		return t, nil
	}
	return "", fmt.Errorf("%q is not a TIMEX3 type (want DATE, TIME, DURATION or SET)", s)
}

// Mod is the TIMEX3 mod attribute. The empty Mod means no modifier.
type Mod string

// TIMEX3 modifiers.
const (
	NoMod       Mod = ""
	Start       Mod = "START"
	Mid         Mod = "MID"
	End         Mod = "END"
	Approx      Mod = "APPROX"
	Before      Mod = "BEFORE"
	After       Mod = "AFTER"
	OnOrBefore  Mod = "ON_OR_BEFORE"
	OnOrAfter   Mod = "ON_OR_AFTER"
	LessThan    Mod = "LESS_THAN"
	MoreThan    Mod = "MORE_THAN"
	EqualOrLess Mod = "EQUAL_OR_LESS"
	EqualOrMore Mod = "EQUAL_OR_MORE"
)

var mods = []Mod{Start, Mid, End, Approx, Before, After, OnOrBefore, OnOrAfter, LessThan, MoreThan, EqualOrLess, EqualOrMore}

// ParseMod parses a TIMEX3 mod attribute; the empty string is NoMod.
func ParseMod(s string) (Mod, error) {
	if s == "" {
		return NoMod, nil
	}
	for _, m := range mods {
		if string(m) == s {
			return m, nil
		}
	}
	names := make([]string, len(mods))
	for i, m := range mods {
		names[i] = string(m)
	}
	return "", fmt.Errorf("%q is not a TIMEX3 mod (want one of %s)", s, strings.Join(names, ", "))
}

// Granularity is the unit a value is precise to.
type Granularity int

// Granularities from coarsest to finest. Unknown is used for durations,
// references such as PRESENT_REF and values with no anchored year.
const (
	Unknown Granularity = iota
	Century
	Decade
	Year
	Half
	Quarter
	Season
	Month
	Week
	Weekend
	Day
	PartOfDay
	Hour
	Minute
	Second
)

var granularityNames = [...]string{"unknown", "century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day", "part of day", "hour", "minute", "second"}

func (g Granularity) String() string {
	if int(g) < len(granularityNames) {
		return granularityNames[g]
	}
	return fmt.Sprintf("Granularity(%d)", int(g))
}
