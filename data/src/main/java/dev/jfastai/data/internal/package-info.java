/** Implementation of the data module: download, safe extraction, PNG decoding, batch collation (not exported). */
package dev.jfastai.data.internal;
