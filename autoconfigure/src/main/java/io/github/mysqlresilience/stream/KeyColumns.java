package io.github.mysqlresilience.stream;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of a keyset scan over one or more key columns, in order: the condition
 * "after this key" and the {@code ORDER BY}.
 */
record KeyColumns(List<String> names) {

	KeyColumns {
		names = List.copyOf(names);
	}

	int size() {
		return this.names.size();
	}

	String first() {
		return this.names.get(0);
	}

	/**
	 * {@code (a > ?) OR (a = ? AND b > ?) ...}, with its parameters in
	 * {@link #afterParameters(Object[])} order.
	 */
	String afterCondition() {
		return IntStream.range(0, size())
			.mapToObj((i) -> "(" + IntStream.range(0, i).mapToObj((j) -> quote(this.names.get(j)) + " = ?")
				.map((equal) -> equal + " AND ")
				.collect(Collectors.joining()) + quote(this.names.get(i)) + " > ?)")
			.collect(Collectors.joining(" OR ", "(", ")"));
	}

	Object[] afterParameters(Object[] key) {
		Object[] parameters = new Object[size() * (size() + 1) / 2];
		int index = 0;
		for (int i = 0; i < size(); i++) {
			for (int j = 0; j <= i; j++) {
				parameters[index++] = key[j];
			}
		}
		return parameters;
	}

	/**
	 * {@code NOT ((a > ?) OR (a = ? AND b > ?) ...)}: the key is at or before the given
	 * one; its parameters are {@link #afterParameters(Object[])} of that key.
	 */
	String upToCondition() {
		return "NOT " + afterCondition();
	}

	String orderBy() {
		return this.names.stream().map(KeyColumns::quote).collect(Collectors.joining(", ", " ORDER BY ", ""));
	}

	String orderByDescending() {
		return this.names.stream()
			.map((name) -> quote(name) + " DESC")
			.collect(Collectors.joining(", ", " ORDER BY ", ""));
	}

	String selectList() {
		return this.names.stream().map(KeyColumns::quote).collect(Collectors.joining(", "));
	}

	static String quote(String identifier) {
		return "`" + identifier.replace("`", "``") + "`";
	}

}
