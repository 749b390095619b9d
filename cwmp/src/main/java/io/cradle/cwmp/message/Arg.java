package io.cradle.cwmp.message;

/** ArgStruct of RequestDownload. */
public record Arg(String name, String value) {}
