package io.cradle.cwmp.message;

/** Empty acknowledgement of RequestDownload. */
public record RequestDownloadResponse() implements AcsResponse {}
