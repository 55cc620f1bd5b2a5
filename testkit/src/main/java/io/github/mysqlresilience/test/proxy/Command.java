package io.github.mysqlresilience.test.proxy;

import org.jspecify.annotations.Nullable;

/**
 * A client command the server is to answer.
 *
 * @param type the command byte ({@code COM_QUERY}, {@code COM_STMT_EXECUTE}, ...)
 * @param statement the statement text the rules match (a query's, or an execute's
 * prepared text), or {@code null}
 * @param prepared the text a {@code COM_STMT_PREPARE} prepares, or {@code null}
 * @param rule the rule that matched it, or {@code null}
 */
record Command(int type, @Nullable String statement, @Nullable String prepared,
		MySqlProtocolProxy.@Nullable Rule rule) {

	Command withRule(MySqlProtocolProxy.@Nullable Rule matched) {
		return new Command(this.type, this.statement, this.prepared, matched);
	}

}
