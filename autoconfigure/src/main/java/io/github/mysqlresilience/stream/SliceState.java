package io.github.mysqlresilience.stream;

import org.jspecify.annotations.Nullable;

/**
 * Where one slice of a keyset scan stands: its range of the first key column ({@code from}
 * inclusive, {@code to} exclusive, {@code null} for no bound), the last key delivered
 * from it, and whether it is read to its end.
 */
record SliceState(@Nullable Object from, @Nullable Object to, Object @Nullable [] after, boolean done) {

	static SliceState between(@Nullable Object from, @Nullable Object to) {
		return new SliceState(from, to, null, false);
	}

	SliceState deliveredUpTo(Object[] key) {
		return new SliceState(this.from, this.to, key, false);
	}

	SliceState finished() {
		return new SliceState(this.from, this.to, this.after, true);
	}

}
