package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.pool.MySqlJdbcUrls;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code spring.datasource.url} names a database other than MySQL or
 * MariaDB: the error codes of other databases mean other things.
 */
class OnMySqlDatabaseCondition extends SpringBootCondition {

	private static final String URL_PROPERTY = "spring.datasource.url";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("MySQL database");
		String url = context.getEnvironment().getProperty(URL_PROPERTY);
		if (url == null) {
			return ConditionOutcome.match(message.because("no " + URL_PROPERTY + " is set"));
		}
		if (MySqlJdbcUrls.isMySql(url)) {
			return ConditionOutcome.match(message.because(URL_PROPERTY + " is a MySQL or MariaDB URL"));
		}
		return ConditionOutcome.noMatch(message.because(URL_PROPERTY + " is not a MySQL or MariaDB URL"));
	}

}
