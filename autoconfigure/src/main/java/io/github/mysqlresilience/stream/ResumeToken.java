package io.github.mysqlresilience.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Where a keyset scan stands, to persist and to continue from after a crash
 * ({@link KeysetScanner#resumeFrom(ResumeToken)}): for each slice, its key range and the
 * last key delivered from it, and for the whole scan, the last key it reads (captured when
 * it started, so rows inserted after that key during the scan are not chased). A scan
 * resumed from a token delivers the rows after each slice's last delivered key, so it
 * repeats nothing that the token counts as delivered.
 * <p>
 * {@link #toString()} is the token's text form, which {@link #parse(String)} reads back;
 * it holds key values only (numbers, strings, binary, dates and times), never row data
 * other than keys.
 *
 * @since 0.1.0
 */
public final class ResumeToken {

	private static final String VERSION = "keyset1";

	private final Object @Nullable [] upTo;

	private final List<SliceState> slices;

	ResumeToken(Object @Nullable [] upTo, List<SliceState> slices) {
		this.upTo = upTo;
		this.slices = List.copyOf(slices);
	}

	/**
	 * Read a token from its text form.
	 * @param text what {@link #toString()} wrote
	 * @return the token
	 * @throws IllegalArgumentException if the text is not a token
	 */
	public static ResumeToken parse(String text) {
		String[] parts = text.split("\\|", -1);
		if (parts.length < 2 || !VERSION.equals(parts[0])) {
			throw new IllegalArgumentException("Not a keyset scan resume token: it must start with '" + VERSION + "|'");
		}
		try {
			Object[] upTo = "~".equals(parts[1]) ? null : values(parts[1]);
			List<SliceState> slices = new ArrayList<>();
			for (int i = 2; i < parts.length; i++) {
				String[] slice = parts[i].split("/", -1);
				if (slice.length != 4) {
					throw new IllegalArgumentException("slice " + (i - 1) + " has " + slice.length + " fields, not 4");
				}
				slices.add(new SliceState(KeyValues.decode(slice[0]), KeyValues.decode(slice[1]),
						"~".equals(slice[2]) ? null : values(slice[2]), "1".equals(slice[3])));
			}
			return new ResumeToken(upTo, slices);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a valid keyset scan resume token: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return whether every slice is read to its end: a scan resumed from this token
	 * delivers no row.
	 * @return whether the scan is complete
	 */
	public boolean isComplete() {
		return this.upTo == null || this.slices.stream().allMatch(SliceState::done);
	}

	/**
	 * Return the number of slices of the scan.
	 * @return the number of slices
	 */
	public int sliceCount() {
		return this.slices.size();
	}

	Object @Nullable [] upTo() {
		return this.upTo;
	}

	List<SliceState> slices() {
		return this.slices;
	}

	ResumeToken with(int slice, SliceState state) {
		List<SliceState> updated = new ArrayList<>(this.slices);
		updated.set(slice, state);
		return new ResumeToken(this.upTo, updated);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ResumeToken token && toString().equals(token.toString());
	}

	@Override
	public int hashCode() {
		return Objects.hash(toString());
	}

	/**
	 * Return the token's text form, for {@link #parse(String)}.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(VERSION).append('|').append((this.upTo != null) ? text(this.upTo) : "~");
		for (SliceState slice : this.slices) {
			text.append('|')
				.append(KeyValues.encode(slice.from()))
				.append('/')
				.append(KeyValues.encode(slice.to()))
				.append('/')
				.append((slice.after() != null) ? text(slice.after()) : "~")
				.append('/')
				.append(slice.done() ? '1' : '0');
		}
		return text.toString();
	}

	private static String text(Object[] key) {
		return Arrays.stream(key).map(KeyValues::encode).collect(Collectors.joining(","));
	}

	private static Object[] values(String text) {
		return Arrays.stream(text.split(",", -1)).map(KeyValues::decode).toArray();
	}

}
