/**
 * The {@code demo} command and the entry point of the full (demo-capable) application: the production
 * command tree plus commands that run on the embedded services.
 */
package io.sqspiietl.demo;
