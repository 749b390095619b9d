package io.cradle.cwmp.message;

/** The CPE's answer to an {@link AcsRequest}. */
public sealed interface CpeResponse extends Response
    permits GetRPCMethodsResponse,
        GetParameterNamesResponse,
        GetParameterValuesResponse,
        SetParameterValuesResponse,
        GetParameterAttributesResponse,
        SetParameterAttributesResponse,
        AddObjectResponse,
        DeleteObjectResponse,
        RebootResponse,
        FactoryResetResponse,
        DownloadResponse,
        UploadResponse,
        ScheduleInformResponse {}
