/**
 * JPA test model.
 */
package io.github.mysqlresilience.translate.paths.jpa;
