package io.cradle.cwmp.message;

/** A request the ACS sends to the CPE (in an HTTP response body). */
public sealed interface AcsRequest<R extends CpeResponse> extends Request<R>
    permits GetRPCMethods,
        GetParameterNames,
        GetParameterValues,
        SetParameterValues,
        GetParameterAttributes,
        SetParameterAttributes,
        AddObject,
        DeleteObject,
        Reboot,
        FactoryReset,
        Download,
        Upload,
        ScheduleInform {}
