// Package sorted works on ascending lists of numbers, such as the feature
// or entity ids the generator's indexes keep.
package sorted

// Common counts the numbers two ascending lists have in common.
func Common(a, b []int32) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			n++
			a, b = a[1:], b[1:]
		}
	}
	return n
}

// Meet reports whether two ascending lists have a number in common.
func Meet(a, b []int32) bool { return Common(a, b) > 0 }
