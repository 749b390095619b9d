package io.cradle.cwmp.message;

/**
 * Status 0: downloaded and applied; 1: will finish later and report by TransferComplete. Times are
 * kept as sent ({@code 0001-01-01T00:00:00Z} means unknown).
 */
public record DownloadResponse(int status, String startTime, String completeTime)
    implements CpeResponse {}
