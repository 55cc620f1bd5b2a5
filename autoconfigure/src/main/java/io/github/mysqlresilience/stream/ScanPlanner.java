package io.github.mysqlresilience.stream;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Plans a keyset scan: captures its last key when it starts, and divides the range of the
 * first key column into slices. Boundaries are computed exactly (integers as
 * {@link BigInteger}, decimals as {@link BigDecimal}: no {@code double}, so BIGINT above
 * 2<sup>53</sup>, BIGINT UNSIGNED and DECIMAL keys lose no row): arithmetically where
 * integer keys are dense (at least half of the range is used), otherwise probed at even
 * row offsets of the key's order, which works for any key type and any distribution.
 */
final class ScanPlanner {

	/** Keys are dense when at least this share of the range between MIN and MAX is used. */
	private static final double DENSE = 0.5;

	private final JdbcOperations jdbc;

	private final ScanSource source;

	private final KeyColumns key;

	ScanPlanner(JdbcOperations jdbc, ScanSource source, KeyColumns key) {
		this.jdbc = jdbc;
		this.source = source;
		this.key = key;
	}

	/**
	 * Return the start of a scan in the given number of slices (fewer when there are fewer
	 * distinct first-key values).
	 */
	ResumeToken plan(int slices) {
		Object[] upTo = lastKey();
		if (upTo == null) {
			return new ResumeToken(null, List.of());
		}
		List<Object> boundaries = (slices > 1) ? boundaries(slices) : List.of();
		List<SliceState> states = new ArrayList<>();
		Object from = null;
		for (Object boundary : boundaries) {
			states.add(SliceState.between(from, boundary));
			from = boundary;
		}
		states.add(SliceState.between(from, null));
		return new ResumeToken(upTo, states);
	}

	private Object @Nullable [] lastKey() {
		return this.jdbc.query("SELECT " + this.key.selectList() + " FROM (" + this.source.select()
				+ ") AS keyset_last" + this.key.orderByDescending() + " LIMIT 1", (result) -> {
					if (!result.next()) {
						return null;
					}
					Object[] values = new Object[this.key.size()];
					for (int i = 0; i < values.length; i++) {
						values[i] = KeyValues.normalize(result.getObject(i + 1));
					}
					return values;
				});
	}

	private List<Object> boundaries(int slices) {
		String first = KeyColumns.quote(this.key.first());
		Object[] range = this.jdbc.query("SELECT MIN(" + first + "), MAX(" + first + "), COUNT(*) FROM ("
				+ this.source.select() + ") AS keyset_range", (result) -> {
					result.next();
					return new Object[] { result.getObject(1), result.getObject(2), result.getLong(3) };
				});
		Objects.requireNonNull(range);
		long count = (Long) range[2];
		if (range[0] == null || count < 2) {
			return List.of();
		}
		BigDecimal min = decimal(range[0]);
		BigDecimal max = decimal(range[1]);
		if (min != null && max != null) {
			BigDecimal span = max.subtract(min);
			boolean integral = min.scale() <= 0 && max.scale() <= 0;
			if (!integral) {
				return distinct(arithmetic(min, span, slices, Math.max(min.scale(), max.scale()) + 2));
			}
			if (count >= DENSE * (span.doubleValue() + 1)) {
				return distinct(arithmetic(min, span.add(BigDecimal.ONE), slices, 0));
			}
		}
		return distinct(probed(first, count, slices));
	}

	private static List<Object> arithmetic(BigDecimal min, BigDecimal span, int slices, int scale) {
		List<Object> boundaries = new ArrayList<>();
		for (int i = 1; i < slices; i++) {
			BigDecimal boundary = min.add(span.multiply(BigDecimal.valueOf(i))
				.divide(BigDecimal.valueOf(slices), scale, RoundingMode.FLOOR));
			boundaries.add((scale == 0) ? KeyValues.normalize(boundary.toBigIntegerExact()) : boundary);
		}
		return boundaries;
	}

	private List<Object> probed(String first, long count, int slices) {
		List<Object> boundaries = new ArrayList<>();
		String sql = "SELECT " + first + " FROM (" + this.source.select() + ") AS keyset_probe ORDER BY " + first
				+ " LIMIT 1 OFFSET ?";
		for (int i = 1; i < slices; i++) {
			long offset = BigInteger.valueOf(count).multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(slices))
				.longValueExact();
			Object boundary = this.jdbc.query(sql, (result) -> result.next() ? result.getObject(1) : null, offset);
			if (boundary != null) {
				boundaries.add(KeyValues.normalize(boundary));
			}
		}
		return boundaries;
	}

	/** Drop repeated boundaries (a value shared by many rows): a slice must not be empty by construction. */
	private static List<Object> distinct(List<Object> boundaries) {
		List<Object> result = new ArrayList<>();
		for (Object boundary : boundaries) {
			if (result.isEmpty() || !equal(result.get(result.size() - 1), boundary)) {
				result.add(boundary);
			}
		}
		return result;
	}

	private static boolean equal(Object a, Object b) {
		if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
			return x.compareTo(y) == 0;
		}
		return (a instanceof byte[] x && b instanceof byte[] y) ? java.util.Arrays.equals(x, y) : a.equals(b);
	}

	private static @Nullable BigDecimal decimal(@Nullable Object value) {
		Object normalized = KeyValues.normalize(value);
		if (normalized instanceof Long number) {
			return BigDecimal.valueOf(number);
		}
		return (normalized instanceof BigDecimal decimal) ? decimal.stripTrailingZeros().scale() <= 0
				? decimal.setScale(0, RoundingMode.UNNECESSARY) : decimal : null;
	}

}
