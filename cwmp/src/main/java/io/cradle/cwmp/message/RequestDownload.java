package io.cradle.cwmp.message;

import java.util.List;
import java.util.Objects;

/** RequestDownload: the CPE asks the ACS to send it a Download of this file type. */
public record RequestDownload(String fileType, List<Arg> fileTypeArgs)
    implements CpeRequest<RequestDownloadResponse> {

  public RequestDownload {
    fileType = Objects.requireNonNullElse(fileType, "");
    fileTypeArgs = List.copyOf(fileTypeArgs);
  }
}
