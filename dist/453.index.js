export const id = 453;
export const ids = [453];
export const modules = {

/***/ 9453:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GenerateCredentialReportCommand: () => (/* reexport safe */ _aws_sdk_client_iam_dist_es_commands_GenerateCredentialReportCommand_js__WEBPACK_IMPORTED_MODULE_5__.s),
/* harmony export */   GetAccessKeyLastUsedCommand: () => (/* reexport safe */ _aws_sdk_client_iam_dist_es_commands_GetAccessKeyLastUsedCommand_js__WEBPACK_IMPORTED_MODULE_4__.q),
/* harmony export */   GetCredentialReportCommand: () => (/* reexport safe */ _aws_sdk_client_iam_dist_es_commands_GetCredentialReportCommand_js__WEBPACK_IMPORTED_MODULE_6__.D),
/* harmony export */   IAMClient: () => (/* reexport safe */ _aws_sdk_client_iam_dist_es_IAMClient_js__WEBPACK_IMPORTED_MODULE_0__.h),
/* harmony export */   ListAccessKeysCommand: () => (/* reexport safe */ _aws_sdk_client_iam_dist_es_commands_ListAccessKeysCommand_js__WEBPACK_IMPORTED_MODULE_3__.Q),
/* harmony export */   ListUsersCommand: () => (/* reexport safe */ _aws_sdk_client_iam_dist_es_commands_ListUsersCommand_js__WEBPACK_IMPORTED_MODULE_1__.A),
/* harmony export */   paginateListUsers: () => (/* reexport safe */ _aws_sdk_client_iam_dist_es_pagination_ListUsersPaginator_js__WEBPACK_IMPORTED_MODULE_2__.I)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_iam_dist_es_IAMClient_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8300);
/* harmony import */ var _aws_sdk_client_iam_dist_es_commands_ListUsersCommand_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8508);
/* harmony import */ var _aws_sdk_client_iam_dist_es_pagination_ListUsersPaginator_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(704);
/* harmony import */ var _aws_sdk_client_iam_dist_es_commands_ListAccessKeysCommand_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5350);
/* harmony import */ var _aws_sdk_client_iam_dist_es_commands_GetAccessKeyLastUsedCommand_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7500);
/* harmony import */ var _aws_sdk_client_iam_dist_es_commands_GenerateCredentialReportCommand_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4464);
/* harmony import */ var _aws_sdk_client_iam_dist_es_commands_GetCredentialReportCommand_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5789);
// The part of the IAM SDK the action uses, loaded lazily by clients.ts (see ec2-sdk.ts for why the
// ES-module files are named directly).









/***/ })

};
