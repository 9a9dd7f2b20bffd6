"""The operation page's deployments panel: IPI uniformed personnel per month."""
