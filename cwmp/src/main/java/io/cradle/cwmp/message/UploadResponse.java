package io.cradle.cwmp.message;

/** Status 0: uploaded; 1: will finish later and report by TransferComplete. */
public record UploadResponse(int status, String startTime, String completeTime)
    implements CpeResponse {}
