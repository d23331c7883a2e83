import { sitePageRoute } from '../site-page';

const route = sitePageRoute('corrections-policy');
export const generateMetadata = route.generateMetadata;
export default route.SitePage;
