/**
 * The organization as code ({@code org export}, {@code org diff}, {@code org apply}): the file
 * ({@code OrgFile}, read by {@code OrgFileReader} as a stream of entries, written by
 * {@code OrgFileWriter}), the plan that makes the organization match it ({@code Planner},
 * {@code Plan}) and its application through the services ({@code OrgFileService}).
 */
package io.astrashell.orgfile;
