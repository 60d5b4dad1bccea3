export const id = 662;
export const ids = [662];
export const modules = {

/***/ 2662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DescribeRegionsCommand: () => (/* reexport safe */ _aws_sdk_client_ec2_dist_es_commands_DescribeRegionsCommand_js__WEBPACK_IMPORTED_MODULE_1__.c),
/* harmony export */   EC2Client: () => (/* reexport safe */ _aws_sdk_client_ec2_dist_es_EC2Client_js__WEBPACK_IMPORTED_MODULE_0__.g)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2_dist_es_EC2Client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4601);
/* harmony import */ var _aws_sdk_client_ec2_dist_es_commands_DescribeRegionsCommand_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1599);
// The part of the EC2 SDK the action uses, loaded lazily by clients.ts. It names the SDK's ES-module
// files directly: the package's CommonJS entry is one module holding all ~750 EC2 operations, which
// costs a few hundred milliseconds to evaluate on every run. (jest maps these paths back to the package
// entry, so the unit tests' client mocks patch the same classes.)




/***/ })

};
