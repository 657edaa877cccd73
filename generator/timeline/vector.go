package timeline

import (
	"math"
	"sort"
)

// feat is one weighted feature of a sparse vector.
type feat struct {
	id int32
	w  float32
}

// vector is a sparse unit vector, sorted by feature id, each id once
// (vectorize makes them so; dense.dot relies on it).
type vector []feat

// dot is the cosine of two unit vectors.
func dot(a, b vector) float64 {
	var s float32
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id == b[j].id:
			s += a[i].w * b[j].w
			i++
			j++
		case a[i].id < b[j].id:
			i++
		default:
			j++
		}
	}
	return float64(s)
}

// dense is a vector spread out by feature id, zero for the features it
// lacks: its dot with a sparse vector reads one weight for each of that
// vector's features, rather than walking both in step, which branches
// unpredictably at each feature. A mention is compared so with many
// members of an event.
type dense []float32

// spread makes d the dense form of v.
func (d *dense) spread(v vector) {
	if len(v) > 0 && int(v[len(v)-1].id) >= len(*d) {
		*d = append(*d, make(dense, int(v[len(v)-1].id)+1-len(*d))...)
	}
	for _, f := range v {
		(*d)[f.id] = f.w
	}
}

// unspread zeroes what spread(v) wrote.
func (d dense) unspread(v vector) {
	for _, f := range v {
		d[f.id] = 0
	}
}

// dot is the cosine of the vector d was spread from with b: exactly dot's,
// as its products are summed in the same order and those with zero add
// nothing (with each id once in either vector).
func (d dense) dot(b vector) float64 {
	var s float32
	for _, f := range b {
		if int(f.id) < len(d) {
			s += d[f.id] * f.w
		}
	}
	return float64(s)
}

// vocabulary numbers features and counts the documents they occur in.
type vocabulary struct {
	ids map[string]int32
	df  []int
	n   int // documents
	// more numbers the features an extension added (see extend).
	more map[string]int32
}

// lookup returns the id of feature f.
func (v *vocabulary) lookup(f string) int32 {
	if id, ok := v.ids[f]; ok {
		return id
	}
	return v.more[f]
}

// extend returns a vocabulary for a few more documents, leaving v as it
// is: features v does not know get ids after its own and count once;
// the counts of the others and the number of documents stay v's, which a
// few documents among many change little.
func (v *vocabulary) extend(docs [][]string) *vocabulary {
	x := &vocabulary{ids: v.ids, n: v.n, more: map[string]int32{}}
	x.df = v.df[:len(v.df):len(v.df)] // appending copies
	for _, features := range docs {
		for _, f := range features {
			if _, ok := v.ids[f]; ok {
				continue
			}
			if _, ok := x.more[f]; !ok {
				x.more[f] = int32(len(x.df))
				x.df = append(x.df, 1)
			}
		}
	}
	return x
}

func newVocabulary() *vocabulary { return &vocabulary{ids: map[string]int32{}} }

// add counts one document's features (each once).
func (v *vocabulary) add(features []string) {
	v.n++
	seen := map[int32]bool{}
	for _, f := range features {
		id, ok := v.ids[f]
		if !ok {
			id = int32(len(v.df))
			v.ids[f] = id
			v.df = append(v.df, 0)
		}
		if !seen[id] {
			seen[id] = true
			v.df[id]++
		}
	}
}

func (v *vocabulary) idf(id int32) float64 {
	return math.Log(float64(v.n+1)/float64(v.df[id]+1)) + 1
}

// vectorize weighs features by TF-IDF, times boost for features in
// boosted, and normalizes.
func (v *vocabulary) vectorize(features []string, boosted map[string]float64) vector {
	tf := map[int32]float64{}
	boost := map[int32]float64{}
	for _, f := range features {
		id := v.lookup(f)
		tf[id]++
		if b, ok := boosted[f]; ok {
			boost[id] = b
		}
	}
	vec := make(vector, 0, len(tf))
	for id := range tf {
		vec = append(vec, feat{id: id})
	}
	sort.Slice(vec, func(i, j int) bool { return vec[i].id < vec[j].id })
	// The norm is summed in the order of the ids, so that its rounding is
	// the same on every run.
	var norm float64
	for i, f := range vec {
		w := (1 + math.Log(tf[f.id])) * v.idf(f.id)
		if b, ok := boost[f.id]; ok {
			w *= b
		}
		vec[i].w = float32(w)
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for i := range vec {
		vec[i].w = float32(float64(vec[i].w) / norm)
	}
	return vec
}
