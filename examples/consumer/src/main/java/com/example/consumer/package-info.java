/** A user's project built on jfastai: its own data, model and callback. */
package com.example.consumer;
