package io.github.mysqlresilience.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * The {@link RuntimeHints} of the starter, for a native image: its properties, bound by
 * the pool's post-processor before the context's own binding is ready, and the optional
 * types it looks for by name (without a hint a native image would not find them, and the
 * pool would go unguarded).
 *
 * @since 0.1.0
 */
public final class MySqlResilienceRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The types the starter checks the presence of by name.
	 */
	static final List<String> OPTIONAL_TYPES = List.of("com.zaxxer.hikari.HikariDataSource",
			"com.zaxxer.hikari.HikariConfigMXBean", "org.springframework.boot.jdbc.DataSourceUnwrapper");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(MySqlResilienceProperties.class).registerHints(hints, classLoader);
		for (String type : OPTIONAL_TYPES) {
			hints.reflection().registerTypeIfPresent(classLoader, type, (hint) -> {
			});
		}
	}

}
