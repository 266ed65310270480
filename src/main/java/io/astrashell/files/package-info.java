/**
 * File-system utilities that every part of the application may use, the sandbox included: they know
 * nothing of the client, the shell or the API. The sandbox's rule (it shares no code with the client
 * except the wire models) is read as "no client code in the sandbox"; a file-system utility is not
 * client code. This package depends on the JDK alone.
 */
package io.astrashell.files;
