/** k-means clustering of customers on RFM: an alternative segmentation to the RFM rules. */
export { rfmClusters, type RfmClustersOptions, type RfmClustersResult } from './rfm-clusters.js';
export {
  clusterRfm,
  rfmClusterOptionsSchema,
  type RfmClusterOptions,
  type RfmClustering,
  type RfmClusterProfile,
  type ClusterCandidate,
} from './cluster-rfm.js';
export { CLUSTER_LABELS, suggestLabel, type ClusterLabel } from './labels.js';
export { kmeans, type KMeansOptions, type KMeansResult } from './kmeans.js';
export { silhouette } from './silhouette.js';
