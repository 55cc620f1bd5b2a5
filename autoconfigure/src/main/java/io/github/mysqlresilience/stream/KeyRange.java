package io.github.mysqlresilience.stream;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * The smallest and largest value of a numeric key column.
 */
final class KeyRange {

	private final JdbcOperations jdbc;

	KeyRange(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Return {@code [min, max]}, or an empty array when there are no rows.
	 */
	long[] of(ScanSource source, String column) {
		String quoted = KeyColumns.quote(column);
		return this.jdbc.query("SELECT MIN(" + quoted + "), MAX(" + quoted + ") FROM (" + source.select()
				+ ") AS keyset_range", (result) -> {
					result.next();
					Object min = result.getObject(1);
					Object max = result.getObject(2);
					if (min == null || max == null) {
						return new long[0];
					}
					if (!(min instanceof Number low) || !(max instanceof Number high)) {
						throw new InvalidKeysetException("Splitting needs a numeric first key column, but '" + column
								+ "' holds " + min.getClass().getSimpleName());
					}
					return new long[] { low.longValue(), high.longValue() };
				});
	}

}
