package io.github.mysqlresilience.test.junit;

import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.MySqlTestServers;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that resolves {@link MySqlTestServer} parameters to the
 * {@link MySqlTestServers#shared() shared server} (started once per JVM, on first use),
 * and skips tests marked {@link RequiresServerControl} on an external server.
 *
 * @since 0.1.0
 * @see WithMySqlServer
 */
public class MySqlServerExtension implements ParameterResolver, ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		boolean needsControl = context.getElement()
			.map((element) -> AnnotationSupport.isAnnotated(element, RequiresServerControl.class))
			.orElse(false);
		if (needsControl && MySqlTestServers.isExternalConfigured()) {
			return ConditionEvaluationResult.disabled("It stops or restarts the server, and the external server set by '"
					+ MySqlTestServers.URL_PROPERTY + "' cannot be controlled by the test kit");
		}
		return ConditionEvaluationResult.enabled("The server can be controlled");
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type.isAssignableFrom(MySqlTestServer.class) || (MySqlTestServer.class.isAssignableFrom(type)
				&& type.isInstance(MySqlTestServers.shared()));
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return MySqlTestServers.shared();
	}

}
