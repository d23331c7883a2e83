import { sitePageRoute } from '../site-page';

const route = sitePageRoute('methodology');
export const generateMetadata = route.generateMetadata;
export default route.SitePage;
