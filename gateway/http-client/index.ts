export {
  createKeepAlivePool,
  type HttpRequest,
  type HttpResponse,
  type KeepAlivePool,
  type KeepAlivePoolOptions,
} from './create-keep-alive-pool.ts';
export {
  HttpConnectionError,
  HttpPoolClosedError,
  HttpProtocolError,
  HttpTimeoutError,
} from './errors.ts';
