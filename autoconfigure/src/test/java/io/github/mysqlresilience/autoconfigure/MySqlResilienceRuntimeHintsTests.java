package io.github.mysqlresilience.autoconfigure;

import java.sql.Connection;
import java.util.List;

import io.github.mysqlresilience.commit.CommitOutcomeRuntimeHints;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints the starter registers through {@code META-INF/spring/aot.factories},
 * as a native image build would load them.
 */
class MySqlResilienceRuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		ClassLoader classLoader = MySqlResilienceRuntimeHintsTests.class.getClassLoader();
		List<RuntimeHintsRegistrar> registrars = AotServices.factories(classLoader)
			.load(RuntimeHintsRegistrar.class)
			.asList();
		assertThat(registrars).hasAtLeastOneElementOfType(MySqlResilienceRuntimeHints.class)
			.hasAtLeastOneElementOfType(CommitOutcomeRuntimeHints.class);
		registrars.forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

	@Test
	void theTypesLookedUpByNameCanBeFound() {
		assertThat(MySqlResilienceRuntimeHints.OPTIONAL_TYPES).allSatisfy((type) -> {
			assertThat(ClassUtils.isPresent(type, getClass().getClassLoader())).as(type).isTrue();
			assertThat(RuntimeHintsPredicates.reflection().onType(ClassUtils.forName(type, null))).as(type)
				.accepts(this.hints);
		});
	}

	@Test
	void thePropertiesTheBeanPostProcessorBindsCanBeBound() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(MySqlResilienceProperties.Outage.class, "setProbeInterval")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MySqlResilienceProperties.Retry.class,
				"setDeadline")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(MySqlResilienceProperties.CommitOutcome.class))
			.accepts(this.hints);
	}

	@Test
	void theMarkedConnectionProxyCanBeCreated() {
		assertThat(this.hints.proxies().jdkProxyHints()).anySatisfy((proxy) -> assertThat(proxy.getProxiedInterfaces())
			.first()
			.satisfies((type) -> assertThat(type.getCanonicalName()).isEqualTo(Connection.class.getName())));
	}

}
