package io.github.mysqlresilience.test.junit;

import java.net.InetSocketAddress;

import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.MySqlTestServers;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that resolves {@link MySqlTestServer} parameters to the
 * {@link MySqlTestServers#shared() shared server} (started once per JVM, on first use) and
 * {@link MySqlProtocolProxy} parameters to a protocol-aware proxy in front of it (a new
 * one for each test, closed after it), and skips tests marked
 * {@link RequiresServerControl} on an external server.
 *
 * @since 0.1.0
 * @see WithMySqlServer
 */
public class MySqlServerExtension implements ParameterResolver, ExecutionCondition {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(MySqlServerExtension.class);

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
		return type == MySqlProtocolProxy.class || type.isAssignableFrom(MySqlTestServer.class)
				|| (MySqlTestServer.class.isAssignableFrom(type) && type.isInstance(MySqlTestServers.shared()));
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		MySqlTestServer server = MySqlTestServers.shared();
		if (parameterContext.getParameter().getType() != MySqlProtocolProxy.class) {
			return server;
		}
		// A proxy of its own for the test (or the method) that asked, closed with its context
		MySqlProtocolProxy proxy = MySqlProtocolProxy.start(new InetSocketAddress(server.host(), server.port()));
		extensionContext.getStore(NAMESPACE).put(proxy, proxy);
		return proxy;
	}

}
